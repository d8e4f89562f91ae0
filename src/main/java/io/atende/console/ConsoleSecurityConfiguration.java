package io.atende.console;

import java.time.Clock;

import io.atende.account.AccountManagement;
import io.atende.operator.OperatorSignIn;

import static io.atende.operator.Permission.ADMINISTER_ACCOUNT;
import static io.atende.operator.Permission.DELETE_CUSTOMERS;
import static io.atende.operator.Permission.EXPORT_DATA;
import static io.atende.operator.Permission.MANAGE_KB;
import static io.atende.operator.Permission.VIEW_REPORTS;
import io.atende.platform.OversizedForms;
import io.atende.platform.SignInFailure;
import io.atende.sso.SingleSignOn;
import io.atende.sso.SsoRegistrations;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfFilter;

/**
 * The console's own security chain, in front of the API's stateless one: a session kept in the
 * database, form sign-in ({@link OperatorSessions}) with its second step ({@link PendingSignIn}), single sign-on through
 * the account's OpenID Connect provider ({@link ConsoleSingleSignOn}), CSRF tokens on
 * every change, and each page that not every operator reaches for the operators with its permission.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfiguration {

    @Bean
    @Order(10)
    SecurityFilterChain consoleSecurityFilterChain(HttpSecurity http, OperatorSignIn signIn, AccountManagement accounts, Clock clock,
                                                   SingleSignOn singleSignOn, SsoRegistrations ssoRegistrations) throws Exception {
        var form = OperatorSessions.FORM;
        var operators = new OperatorSessions(signIn, accounts);
        var sso = new ConsoleSingleSignOn(singleSignOn, ssoRegistrations, clock);
        var contexts = new HttpSessionSecurityContextRepository();
        contexts.setSpringSecurityContextKey(OperatorSessions.CONTEXT_ATTRIBUTE);
        var denied = new AccessDeniedHandlerImpl();
        denied.setErrorPage("/console/forbidden");
        return http
                .securityMatcher("/console", "/console/**")
                .authenticationManager(new ProviderManager(form.provider(operators::signIn), sso.provider()))
                .securityContext(context -> context.securityContextRepository(contexts))
                .authorizeHttpRequests(requests -> requests
                        // The second step of a sign-in answers to its pending state, not to a signed-in operator.
                        .requestMatchers(OperatorSessions.SIGN_IN, PendingSignIn.CODE_PAGE, PendingSignIn.ENROL_PAGE, "/console/assets/**").permitAll()
                        // Single sign-on: the way to the account's provider and back (ConsoleSingleSignOn).
                        .requestMatchers(ConsoleSingleSignOn.AUTHORIZE + "/*", ConsoleSingleSignOn.CALLBACK + "*").permitAll()
                        // Forgot password: asked for and answered without a signed-in operator.
                        .requestMatchers(PasswordResetController.REQUEST_PAGE, PasswordResetController.RESET_PAGE).permitAll()
                        .requestMatchers("/console/forbidden", ConsoleController.TOO_LARGE).authenticated()
                        // Each page that not every operator reaches asks for the permission that grants it (Permission).
                        .requestMatchers("/console/admin").hasAnyRole(java.util.stream.Stream.concat(Stream.of(ADMINISTER_ACCOUNT),
                                ConsoleOperator.ADMIN_AREAS_APART.values().stream()).map(Enum::name).distinct().toArray(String[]::new))
                        .requestMatchers("/console/admin/**").access((authentication, context) ->
                                new AuthorizationDecision(authentication.get().getAuthorities().stream().anyMatch(held -> held.getAuthority()
                                        .equals("ROLE_" + ConsoleOperator.ADMIN_AREAS_APART.getOrDefault(adminArea(context.getRequest()),
                                                ADMINISTER_ACCOUNT).name()))))
                        // Recounting every figure is the account's administration.
                        .requestMatchers("/console/reports/recount").hasRole(ADMINISTER_ACCOUNT.name())
                        .requestMatchers("/console/reports/*.csv").access(AuthorizationManagers.allOf(
                                AuthorityAuthorizationManager.hasRole(VIEW_REPORTS.name()), AuthorityAuthorizationManager.hasRole(EXPORT_DATA.name())))
                        .requestMatchers("/console/reports", "/console/reports/**").hasRole(VIEW_REPORTS.name())
                        // A customer's second factor is reset by who administers the account.
                        .requestMatchers("/console/customers/*/two-factor/reset").hasRole(ADMINISTER_ACCOUNT.name())
                        // Everything held about a customer, for a data-protection request.
                        .requestMatchers("/console/customers/*/export").hasRole(EXPORT_DATA.name())
                        // Deleting, merging or anonymizing customers, or deleting an organization, cannot be undone; every operator edits them.
                        .requestMatchers("/console/customers/*/delete", "/console/customers/*/merge", "/console/customers/*/anonymize",
                                "/console/customers/*/export",
                                "/console/organizations/*/delete")
                        .hasRole(DELETE_CUSTOMERS.name())
                        // Suggesting articles while answering is for everyone; editing the knowledge base is a permission.
                        .requestMatchers("/console/kb/suggestions").hasRole("OPERATOR")
                        .requestMatchers("/console/kb", "/console/kb/**").hasRole(MANAGE_KB.name())
                        .anyRequest().hasRole("OPERATOR"))
                .formLogin(login -> {
                    form.form(request -> "").customize(login);
                    login.failureHandler(ConsoleSingleSignOn.passwordSignInOff(
                            PendingSignIn.handoff(new SignInFailure(OperatorSessions.SIGN_IN, request -> ""), clock)));
                })
                .oauth2Login(sso.login())
                .logout(logout -> logout
                        .logoutUrl("/console/sign-out")
                        .logoutSuccessUrl(OperatorSessions.SIGN_IN + "?signed-out"))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(form.signInFirst())
                        .accessDeniedHandler(denied))
                .addFilterBefore(new OversizedForms(ConsoleController.TOO_LARGE, "X-CSRF-TOKEN"), CsrfFilter.class)
                // A stale session ends whole, whatever else it held.
                .addFilterBefore(form.currentPersonFilter(operators::current, ConsoleOperator::locale, true), AuthorizationFilter.class)
                // Which operator each signed-in session belongs to, and its browser and address: the profile's list of sessions.
                .addFilterAfter(ConsoleSessions.recorder(), AuthorizationFilter.class)
                .build();
    }

    /** The area of an administration address: {@code macros} for {@code /console/admin/macros/12}. */
    static String adminArea(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String rest = path.startsWith("/console/admin/") ? path.substring("/console/admin/".length()) : "";
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }
}
