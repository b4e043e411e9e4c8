package io.quarry.server.auth;

import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The account beans: stores, services, the login limiter and the two ways a request authenticates. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AuthProperties.class, AdminProperties.class})
class AccountsConfiguration {

    private final Clock clock = Clock.systemUTC();

    @Bean
    PasswordEncoder passwordEncoder() {
        return Accounts.passwordEncoder();
    }

    @Bean
    Accounts accounts(DataSource dataSource, PasswordEncoder passwordEncoder) {
        return new Accounts(new UserStore(dataSource), passwordEncoder, clock);
    }

    @Bean
    Tokens tokens(DataSource dataSource, Accounts accounts, AuthProperties properties) {
        return new Tokens(new TokenStore(dataSource), accounts, clock, properties.tokenMaxDays());
    }

    @Bean
    LoginRateLimiter loginRateLimiter(AuthProperties properties) {
        return new LoginRateLimiter(properties.loginMaxFailures(), properties.loginFailureWindow(), clock);
    }

    @Bean
    SessionUserRepository sessionUserRepository(Accounts accounts) {
        return new SessionUserRepository(accounts);
    }

    @Bean
    BearerTokenFilter bearerTokenFilter(Tokens tokens) {
        return new BearerTokenFilter(tokens);
    }

    /** The token filter runs inside Spring Security's chain only, not a second time as a servlet filter. */
    @Bean
    FilterRegistrationBean<BearerTokenFilter> bearerTokenFilterRegistration(BearerTokenFilter filter) {
        FilterRegistrationBean<BearerTokenFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }
}
