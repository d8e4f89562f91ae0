package io.atende.console;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atende.platform.SignInFailure;
import io.atende.platform.SignInSuccess;
import io.atende.account.AccountManagement;
import io.atende.operator.OperatorSignIn;
import io.atende.platform.OversizedForms;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfFilter;

/**
 * The console's own security chain, in front of the API's stateless one: a session kept in the
 * database, form sign-in, CSRF tokens on every change, and the admin area for admins only.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfiguration {

    static final String SIGN_IN = "/console/sign-in";
    /** Where the console's identity lives in the session; the portal keeps its own under another key. */
    static final String CONTEXT_ATTRIBUTE = "ATENDE_CONSOLE_SECURITY_CONTEXT";

    @Bean
    @Order(10)
    SecurityFilterChain consoleSecurityFilterChain(HttpSecurity http, OperatorSignIn signIn, AccountManagement accounts)
            throws Exception {
        var contexts = new HttpSessionSecurityContextRepository();
        contexts.setSpringSecurityContextKey(CONTEXT_ATTRIBUTE);
        var denied = new AccessDeniedHandlerImpl();
        denied.setErrorPage("/console/forbidden");
        return http
                .securityMatcher("/console", "/console/**")
                .authenticationManager(new ProviderManager(new OperatorAuthentication(signIn)))
                .securityContext(context -> context.securityContextRepository(contexts))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(SIGN_IN, "/console/assets/**").permitAll()
                        .requestMatchers("/console/forbidden", ConsoleController.TOO_LARGE).authenticated()
                        .requestMatchers("/console/admin", "/console/admin/**").hasRole("ADMIN")
                        .anyRequest().hasRole("OPERATOR"))
                .formLogin(form -> form
                        .loginPage(SIGN_IN)
                        .loginProcessingUrl(SIGN_IN)
                        .usernameParameter("email")
                        .passwordParameter("password")
                        .successHandler(new SignInSuccess("/console"))
                        .failureHandler(new SignInFailure(SIGN_IN, request -> "")))
                .logout(logout -> logout
                        .logoutUrl("/console/sign-out")
                        .logoutSuccessUrl(SIGN_IN + "?signed-out"))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(new SignInFirst())
                        .accessDeniedHandler(denied))
                .addFilterBefore(new OversizedForms(ConsoleController.TOO_LARGE, "X-CSRF-TOKEN"), CsrfFilter.class)
                .addFilterBefore(new CurrentOperatorFilter(signIn, accounts), AuthorizationFilter.class)
                .build();
    }

    /**
     * Sends a browser to the sign-in page; an htmx request (whose answer would be swapped into part
     * of a page) gets 401 with {@code HX-Redirect}, so the whole page goes there instead.
     */
    private static final class SignInFirst implements AuthenticationEntryPoint {

        private final LoginUrlAuthenticationEntryPoint page = new LoginUrlAuthenticationEntryPoint(SIGN_IN);

        @Override
        public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
                throws IOException, jakarta.servlet.ServletException {
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", request.getContextPath() + SIGN_IN);
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
                return;
            }
            page.commence(request, response, failure);
        }
    }
}
