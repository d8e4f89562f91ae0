package io.atende.platform;

import java.time.Clock;

import javax.sql.DataSource;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

@Configuration(proxyBeanMethods = false)
class PlatformConfiguration {

    /** Asked of the data source once; repositories choose their dialect from it. */
    @Bean
    Database database(DataSource dataSource) {
        return Database.of(dataSource);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    LocaleResolver localeResolver() {
        return new RequestLocales();
    }

    /**
     * Rewrites Thymeleaf's links to static files into their content-hashed addresses ({@link StaticAssets}). A link
     * to a page is matched against the few resource path patterns only, never looked up on the class path: a
     * catch-all resource mapping made that lookup over half the CPU of a console page.
     */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        var registration = new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        // Error pages render in the error dispatch; their links are rewritten too.
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        return registration;
    }

    /**
     * Spring Security's firewall refuses control characters in parameter names already; values get the
     * same rule ({@link Inputs#hasNoControlCharacters}), so that no face stores one and every face answers
     * the refusal as the client's mistake (400) rather than failing in the database.
     */
    @Bean
    HttpFirewall httpFirewall() {
        var firewall = new StrictHttpFirewall();
        firewall.setAllowedParameterValues(Inputs::hasNoControlCharacters);
        return firewall;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * The API authenticates each request by its token in the API layer, where the route's
     * required scope is known; the chain here contributes the protective response headers and
     * keeps API requests free of HTTP sessions. It comes last: the console and the portal put their
     * session-based chains for their own paths in front of it.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }
}
