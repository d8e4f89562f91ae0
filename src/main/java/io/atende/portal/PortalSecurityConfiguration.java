package io.atende.portal;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.customeraccess.PortalCustomer;
import io.atende.platform.OversizedForms;
import io.atende.platform.SignInFailure;
import io.atende.platform.SignInSuccess;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * The portal's own security chain, beside the console's: a session kept in the database (the
 * customer's identity under its own session key, so one browser can be signed in to the console
 * and the portal at once), form sign-in with throttled failures, and CSRF tokens on every change. The chat
 * widget's endpoints ({@code /widget/**}) are not here: they use no cookies and carry a chat token.
 */
@Configuration(proxyBeanMethods = false)
class PortalSecurityConfiguration {

    static final String SIGN_IN = "/portal/sign-in";
    /** Where the portal's identity lives in the session; the console keeps its own under another key. */
    static final String CONTEXT_ATTRIBUTE = "ATENDE_PORTAL_SECURITY_CONTEXT";
    static final String CSRF_ATTRIBUTE = "ATENDE_PORTAL_CSRF_TOKEN";

    @Bean
    @Order(20)
    SecurityFilterChain portalSecurityFilterChain(HttpSecurity http, CustomerPortalAccess access) throws Exception {
        var contexts = new HttpSessionSecurityContextRepository();
        contexts.setSpringSecurityContextKey(CONTEXT_ATTRIBUTE);
        var csrfTokens = new HttpSessionCsrfTokenRepository();
        csrfTokens.setSessionAttributeName(CSRF_ATTRIBUTE);
        return http
                .securityMatcher("/portal", "/portal/**")
                .authenticationManager(new ProviderManager(new CustomerAuthentication(access)))
                .securityContext(context -> context.securityContextRepository(contexts))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(SIGN_IN, "/portal/password", "/portal/forgot", "/portal/register", "/portal/assets/**").permitAll()
                        .anyRequest().hasRole("CUSTOMER"))
                .formLogin(form -> form
                        .loginPage(SIGN_IN)
                        .loginProcessingUrl(SIGN_IN)
                        .usernameParameter("email")
                        .passwordParameter("password")
                        .authenticationDetailsSource(CustomerAuthentication.Details::of)
                        .successHandler(new SignInSuccess("/portal/tickets"))
                        .failureHandler(new SignInFailure(SIGN_IN, request -> accountQuery(request.getParameter("account")))))
                .logout(logout -> logout
                        .logoutUrl("/portal/sign-out")
                        // The session may also hold a console sign-in; only the portal's identity goes.
                        .invalidateHttpSession(false)
                        .addLogoutHandler((request, response, authentication) -> {
                            var session = request.getSession(false);
                            if (session != null) {
                                session.removeAttribute(CONTEXT_ATTRIBUTE);
                            }
                        })
                        .logoutSuccessHandler((request, response, authentication) -> response.sendRedirect(
                                request.getContextPath() + SIGN_IN + "?signed-out" + accountQuery(authentication == null ? null
                                        : authentication.getPrincipal() instanceof PortalCustomer customer ? customer.accountId() : null))))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(new SignInFirst()))
                .addFilterBefore(new OversizedForms(PortalTicketsController.TOO_LARGE, "X-CSRF-TOKEN"), CsrfFilter.class)
                .addFilterBefore(new CurrentCustomerFilter(access), AuthorizationFilter.class)
                .build();
    }

    private static String accountQuery(String accountId) {
        return accountId == null || accountId.isBlank() ? "" : "&account=" + URLEncoder.encode(accountId, StandardCharsets.UTF_8);
    }

    /**
     * Sends a browser to the sign-in page; an htmx request (whose answer would be swapped into part
     * of a page) gets 401 with {@code HX-Redirect}, so the whole page goes there instead.
     */
    private static final class SignInFirst implements AuthenticationEntryPoint {

        private final LoginUrlAuthenticationEntryPoint page = new LoginUrlAuthenticationEntryPoint(SIGN_IN);

        @Override
        public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
                throws IOException, ServletException {
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", request.getContextPath() + SIGN_IN);
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
                return;
            }
            page.commence(request, response, failure);
        }
    }
}
