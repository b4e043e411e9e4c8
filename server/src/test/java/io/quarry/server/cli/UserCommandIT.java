package io.quarry.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.server.auth.MetaStore;
import io.quarry.server.support.QuarryProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** {@code quarry user add|passwd} from the real jar, on the metadata store of a fresh data directory. */
class UserCommandIT {

    @TempDir
    Path work;

    private QuarryProcess.Result quarry(String stdin, String... args) throws Exception {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = work.resolve("data").toString();
        return QuarryProcess.run(work, stdin.getBytes(StandardCharsets.UTF_8), all);
    }

    private String passwordHash(String username) {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(MetaStore.defaultUrl(work.resolve("data")));
        return JdbcClient.create(dataSource)
                .sql("select password_hash from users where username = ?")
                .param(username)
                .query(String.class)
                .single();
    }

    @Test
    void addsAUserAndChangesTheirPasswordFromStandardInput() throws Exception {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

        QuarryProcess.Result added = quarry("first-password\n", "user", "add", "Dora", "--admin");
        QuarryProcess.Result again = quarry("other-password\n", "user", "add", "dora");
        String firstHash = passwordHash("dora");
        QuarryProcess.Result changed = quarry("second-password\n", "user", "passwd", "dora");

        assertThat(added.exitCode()).as(added.toString()).isZero();
        assertThat(added.out()).isEqualTo("Added admin dora (id 1)." + System.lineSeparator());
        assertThat(again.exitCode()).as(again.toString()).isEqualTo(1);
        assertThat(again.err())
                .isEqualTo("quarry: A user called dora already exists; choose another name." + System.lineSeparator());
        assertThat(firstHash).startsWith("{bcrypt}");
        assertThat(encoder.matches("first-password", firstHash)).isTrue();
        assertThat(changed.exitCode()).as(changed.toString()).isZero();
        assertThat(changed.out()).isEqualTo("Changed the password of dora." + System.lineSeparator());
        assertThat(encoder.matches("second-password", passwordHash("dora"))).isTrue();
    }

    @Test
    void refusesAShortOrMissingPasswordAndAnUnknownUser() throws Exception {
        QuarryProcess.Result tooShort = quarry("short\n", "user", "add", "eve");
        QuarryProcess.Result missing = quarry("", "user", "add", "eve");
        QuarryProcess.Result unknown = quarry("long-enough-password\n", "user", "passwd", "nobody");

        assertThat(tooShort.exitCode()).as(tooShort.toString()).isEqualTo(1);
        assertThat(tooShort.err())
                .isEqualTo("quarry: A password needs at least 8 characters." + System.lineSeparator());
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(1);
        assertThat(missing.err()).startsWith("quarry: No password on standard input");
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("quarry: No user is called nobody." + System.lineSeparator());
    }
}
