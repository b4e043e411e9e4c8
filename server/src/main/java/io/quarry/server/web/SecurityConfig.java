package io.quarry.server.web;

import io.quarry.server.auth.BearerTokenFilter;
import io.quarry.server.auth.SessionUserRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;

/**
 * Who may call what. Every {@code /api/**} route but login needs a session cookie or an API token; users and
 * metrics need the admin role; the SPA's files and health are public. Cookie sessions need a CSRF token on every
 * state-changing request (Spring Security's SPA setup: the {@code XSRF-TOKEN} cookie, readable by the page, echoed
 * in the {@code X-XSRF-TOKEN} header); requests with an API token and the login itself do not.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    static final String CSRF_COOKIE = "XSRF-TOKEN";

    @Bean
    CsrfTokenRepository csrfTokenRepository() {
        CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
        repository.setCookieName(CSRF_COOKIE);
        repository.setCookiePath("/");
        repository.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
        return repository;
    }

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http,
            BearerTokenFilter bearerTokens,
            SessionUserRepository sessions,
            CsrfTokenRepository csrfTokens)
            throws Exception {
        ProblemSecurityHandlers problems = new ProblemSecurityHandlers();
        http.securityContext(context -> context.securityContextRepository(sessions))
                .addFilterAfter(bearerTokens, SecurityContextHolderFilter.class)
                .addFilterAfter(new RequestLog.NoteUser(), AnonymousAuthenticationFilter.class)
                .csrf(csrf -> csrf.spa()
                        .csrfTokenRepository(csrfTokens)
                        .ignoringRequestMatchers(BearerTokenFilter::sendsToken)
                        .ignoringRequestMatchers("/api/auth/login"))
                .authorizeHttpRequests(routes -> routes.requestMatchers(
                                "/api/auth/login",
                                "/api/openapi.json",
                                "/api/openapi.json/**",
                                "/api/docs",
                                "/api/swagger-ui/**",
                                "/error")
                        .permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .requestMatchers("/actuator", "/actuator/**")
                        .hasRole("ADMIN")
                        .requestMatchers("/api/users", "/api/users/**")
                        .hasRole("ADMIN")
                        .requestMatchers("/api", "/api/**")
                        .authenticated()
                        .anyRequest()
                        .permitAll())
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(anonymous -> {});
        return http.build();
    }
}
