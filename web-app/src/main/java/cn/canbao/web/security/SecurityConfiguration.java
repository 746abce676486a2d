package cn.canbao.web.security;

import java.time.Clock;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;


/**
 * Two filter chains: {@code /api/**} for programs (HTTP Basic, 401 instead of a login page; the
 * browser's own session also works there so pages can fetch JSON, with CSRF checked unless the call
 * carries its own credentials) and everything else for people (form login, CSRF on).
 * SUPERVISOR is read-only everywhere: only GET (and logging out) is open to it.
 */
@Configuration
class SecurityConfiguration {

    private static final String[] WRITERS = {"ADMIN", "COUNTY_STAFF", "TOWNSHIP_WORKER"};

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * No Spring Security observations: nothing reads them (only the health endpoint is exposed), and wrapping each
     * filter of every request in an observation cost about a tenth of a registration's CPU (docs/performance.md).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, SecondFactorCodes codes) throws Exception {
        BasicAuthenticationEntryPoint entryPoint = new BasicAuthenticationEntryPoint();
        entryPoint.setRealmName("canbao");
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/api/**").authenticated()
                        .anyRequest().hasAnyRole(WRITERS))
                .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoint))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .csrf(csrf -> csrf.ignoringRequestMatchers(request -> request.getHeader("Authorization") != null))
                .addFilterBefore(new RequestLoggingFilter(), ExceptionTranslationFilter.class)
                .addFilterAfter(new SecondFactor.Gate(codes), ExceptionTranslationFilter.class);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pageChain(HttpSecurity http, Clock clock, SecondFactorCodes codes,
            @Value("${canbao.security.login-attempts-per-minute:30}") int loginAttemptsPerMinute) throws Exception {
        ExceptionMappingAuthenticationFailureHandler failures = new ExceptionMappingAuthenticationFailureHandler();
        failures.setDefaultFailureUrl("/login?error");
        failures.setExceptionMappings(Map.of(LockedException.class.getName(), "/login?locked"));
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/error", "/webjars/**", "/css/**", "/js/**", "/favicon.ico",
                                "/actuator/health", "/actuator/health/**", "/v3/api-docs/**", "/swagger-ui/**",
                                "/swagger-ui.html").permitAll()
                        .requestMatchers("/users", "/users/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/**").authenticated()
                        .requestMatchers(HttpMethod.POST, "/logout", "/account/password", SecondFactor.FORM).authenticated()
                        .anyRequest().hasAnyRole(WRITERS))
                .formLogin(form -> form.loginPage("/login").successHandler(SecondFactor.successHandler())
                        .failureHandler(failures).permitAll())
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                        + "object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .addFilterBefore(new RequestLoggingFilter(), ExceptionTranslationFilter.class)
                .addFilterBefore(new LoginRateLimitFilter(loginAttemptsPerMinute, clock), UsernamePasswordAuthenticationFilter.class)
                .addFilterAfter(new SecondFactor.Gate(codes), ExceptionTranslationFilter.class);
        return http.build();
    }
}
