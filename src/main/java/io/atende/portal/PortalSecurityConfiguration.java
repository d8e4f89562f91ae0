package io.atende.portal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.customeraccess.PortalCustomer;
import io.atende.platform.OversizedForms;
import io.atende.platform.SignInFailure;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * The portal's own security chain, beside the console's: a session kept in the database (the
 * customer's identity under its own session key, so one browser can be signed in to the console
 * and the portal at once), form sign-in with throttled failures, and CSRF tokens on every change. The chat
 * widget's endpoints ({@code /widget/**}) are not here: they use no cookies and carry a chat token.
 */
@Configuration(proxyBeanMethods = false)
class PortalSecurityConfiguration {

    static final String CSRF_ATTRIBUTE = "ATENDE_PORTAL_CSRF_TOKEN";

    @Bean
    @Order(20)
    SecurityFilterChain portalSecurityFilterChain(HttpSecurity http, CustomerPortalAccess access, Clock clock) throws Exception {
        var form = CustomerSessions.FORM;
        var customers = new CustomerSessions(access);
        var contexts = new HttpSessionSecurityContextRepository();
        contexts.setSpringSecurityContextKey(CustomerSessions.CONTEXT_ATTRIBUTE);
        var csrfTokens = new HttpSessionCsrfTokenRepository();
        csrfTokens.setSessionAttributeName(CSRF_ATTRIBUTE);
        return http
                .securityMatcher("/portal", "/portal/**")
                .authenticationManager(new ProviderManager(form.provider(customers::signIn)))
                .securityContext(context -> context.securityContextRepository(contexts))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(CustomerSessions.SIGN_IN, PendingCustomerSignIn.CODE_PAGE, "/portal/password", "/portal/forgot", "/portal/register", "/portal/assets/**",
                                PortalMailLinksController.PATHS).permitAll()
                        .anyRequest().hasRole("CUSTOMER"))
                .formLogin(login -> {
                    form.form(request -> accountQuery(request.getParameter("account"))).customize(login);
                    // A customer who turned two-factor sign-in on goes from a right password to the code page.
                    login.failureHandler(PendingCustomerSignIn.handoff(
                            new SignInFailure(CustomerSessions.SIGN_IN, request -> accountQuery(request.getParameter("account"))), clock));
                    login.authenticationDetailsSource(CustomerSessions.Details::of);
                })
                .logout(logout -> logout
                        .logoutUrl("/portal/sign-out")
                        // The session may also hold a console sign-in; only the portal's identity goes.
                        .invalidateHttpSession(false)
                        .addLogoutHandler((request, response, authentication) -> {
                            var session = request.getSession(false);
                            if (session != null) {
                                session.removeAttribute(CustomerSessions.CONTEXT_ATTRIBUTE);
                            }
                        })
                        .logoutSuccessHandler((request, response, authentication) -> response.sendRedirect(
                                request.getContextPath() + CustomerSessions.SIGN_IN + "?signed-out" + accountQuery(authentication == null ? null
                                        : authentication.getPrincipal() instanceof PortalCustomer customer ? customer.accountId() : null))))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(form.signInFirst()))
                .addFilterBefore(new OversizedForms(PortalTicketsController.TOO_LARGE, "X-CSRF-TOKEN"), CsrfFilter.class)
                // The session may also hold a console sign-in; a stale one loses only the portal's identity.
                .addFilterBefore(form.currentPersonFilter(customers::current, PortalCustomer::locale, false), AuthorizationFilter.class)
                .build();
    }

    private static String accountQuery(String accountId) {
        return accountId == null || accountId.isBlank() ? "" : "&account=" + URLEncoder.encode(accountId, StandardCharsets.UTF_8);
    }
}
