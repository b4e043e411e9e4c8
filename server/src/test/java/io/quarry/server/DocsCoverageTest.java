package io.quarry.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarry.engine.EngineError;
import io.quarry.engine.ErrorCode;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.core.type.filter.AssignableTypeFilter;

/** Fails when the docs lag behind the code: every error code and every {@code quarry.*} setting is documented. */
class DocsCoverageTest {

    @Test
    void everyErrorCodeHasAHeadingInErrorsDoc() throws Exception {
        Set<String> headings = Files.readAllLines(projectRoot().resolve("docs/errors.md")).stream()
                .filter(line -> line.startsWith("## "))
                .map(line -> line.substring(3).strip())
                .collect(Collectors.toSet());
        List<String> codes = errorCodes().stream().map(ErrorCode::name).toList();

        assertThat(codes).contains(EngineError.DATASET_NOT_FOUND.name(), ServerError.LOGIN_FAILED.name());
        assertThat(headings).containsAll(codes);
    }

    /** The constants of every enum under {@code io.quarry} that implements {@link ErrorCode}, found by scanning. */
    private static List<ErrorCode> errorCodes() throws ClassNotFoundException {
        var scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return true; // enums, nested or not, are not "components"
            }
        };
        scanner.addIncludeFilter(new AssignableTypeFilter(ErrorCode.class));
        List<ErrorCode> codes = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("io.quarry")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            if (type.isEnum() && ErrorCode.class.isAssignableFrom(type)) {
                for (Object constant : type.getEnumConstants()) {
                    codes.add((ErrorCode) constant);
                }
            }
        }
        return codes;
    }

    @Test
    void everyQuarrySettingIsInConfigurationDoc() throws Exception {
        String doc = Files.readString(projectRoot().resolve("docs/configuration.md"));
        List<String> settings = quarrySettings();

        assertThat(settings)
                .contains(
                        "quarry.data-dir",
                        "quarry.engine.memory-limit",
                        "quarry.engine.threads",
                        "quarry.auth.login-max-failures",
                        "quarry.admin.password");
        assertThat(settings).allSatisfy(setting -> assertThat(doc).contains("`" + setting + "`"));
    }

    /** The settings of every {@code @ConfigurationProperties} record under {@code io.quarry.server}. */
    private static List<String> quarrySettings() throws ClassNotFoundException {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<String> settings = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("io.quarry.server")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
            assertThat(type.isRecord()).as("%s is a record", type).isTrue();
            for (RecordComponent component : type.getRecordComponents()) {
                settings.add(prefix + "." + kebabCase(component.getName()));
            }
        }
        return settings;
    }

    static String kebabCase(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** The directory holding docs/: the module's parent when run by Maven, found by walking up. */
    static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("docs/errors.md")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no docs/errors.md above " + Path.of("").toAbsolutePath());
    }
}
