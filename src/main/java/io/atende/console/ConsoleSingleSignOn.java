package io.atende.console;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atende.operator.SecondFactor;
import io.atende.operator.SignedInOperator;
import io.atende.sso.ProviderIdentity;
import io.atende.sso.SingleSignOn;
import io.atende.sso.SsoRefusedException;
import io.atende.sso.SsoRegistrations;
import io.atende.platform.SignInSuccess;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OAuth2LoginConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Signing in to the console through the account's OpenID Connect provider, with Spring Security's OAuth2 login: the
 * button on the account's sign-in page goes to {@link #AUTHORIZE}{@code /<account id>}, the provider sends the browser
 * back to {@link #CALLBACK}{@code <account id>}, and Spring checks the state, the ID token (signature, issuer,
 * audience, expiry) and the nonce. The identity it vouches for is then mapped to an operator of the account by
 * {@link SingleSignOn#signIn}; what the session keeps is the console's own identity, as after a password, never the
 * provider's tokens. An operator the account still asks a second factor of goes on to its code page.
 */
final class ConsoleSingleSignOn {

    static final String AUTHORIZE = "/console/sso/authorize";
    static final String CALLBACK = "/console/sso/callback/";

    private static final Logger log = LoggerFactory.getLogger(ConsoleSingleSignOn.class);

    private final SingleSignOn singleSignOn;
    private final SsoRegistrations registrations;
    private final Clock clock;
    private final OidcUserService userInfo = new OidcUserService();
    private final SignInSuccess success = new SignInSuccess("/console");

    ConsoleSingleSignOn(SingleSignOn singleSignOn, SsoRegistrations registrations, Clock clock) {
        this.singleSignOn = singleSignOn;
        this.registrations = registrations;
        this.clock = clock;
    }

    Customizer<OAuth2LoginConfigurer<HttpSecurity>> login() {
        return login -> login
                .loginPage(OperatorSessions.SIGN_IN)
                .loginProcessingUrl(CALLBACK + "*")
                .clientRegistrationRepository(registrations)
                .authorizedClientRepository(new NoAuthorizedClients())
                .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(resolver()))
                .redirectionEndpoint(endpoint -> endpoint.baseUri(CALLBACK + "*"))
                .successHandler(this::signedIn)
                .failureHandler(this::refused);
    }

    /**
     * Checks the provider's answer: the code exchanged for tokens, the ID token (signature, issuer, audience, expiry,
     * nonce), the user info, then the operator it maps to. A provider of the chain's own authentication manager, which
     * OAuth2 login would otherwise not reach.
     */
    AuthenticationProvider provider() {
        // Spring builds the ID token's decoder from the registration at each sign-in, so a changed client applies at once.
        return new OidcAuthorizationCodeAuthenticationProvider(new RestClientAuthorizationCodeTokenResponseClient(), this::operatorOf);
    }

    /**
     * Spring's resolver, except that an account without a usable provider (none configured, or its issuer unreachable
     * now) is not an error of the server: the request goes on to {@code SingleSignOnController}, which says so.
     */
    private OAuth2AuthorizationRequestResolver resolver() {
        var spring = new DefaultOAuth2AuthorizationRequestResolver(registrations, AUTHORIZE);
        return new OAuth2AuthorizationRequestResolver() {

            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
                try {
                    return spring.resolve(request);
                } catch (IllegalArgumentException unavailable) {
                    return null;
                }
            }

            @Override
            public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
                try {
                    return spring.resolve(request, registrationId);
                } catch (IllegalArgumentException unavailable) {
                    return null;
                }
            }
        };
    }

    /** The provider's user (its user info read as Spring does), mapped to an operator of the account, or refused. */
    private OidcUser operatorOf(OidcUserRequest request) {
        OidcUser user = userInfo.loadUser(request);
        String accountId = request.getClientRegistration().getRegistrationId();
        String email = user.getEmail();
        // Microsoft Entra ID names the work address in preferred_username when the account has no mail attribute.
        if ((email == null || email.isBlank()) && user.getPreferredUsername() != null && user.getPreferredUsername().contains("@")) {
            email = user.getPreferredUsername();
        }
        try {
            var signedIn = singleSignOn.signIn(accountId, new ProviderIdentity(user.getSubject(), email, user.getEmailVerified(), user.getFullName()));
            return new OperatorUser(user, signedIn);
        } catch (SsoRefusedException refused) {
            throw new OAuth2AuthenticationException(new OAuth2Error(refused.reason().name().toLowerCase(Locale.ROOT)));
        }
    }

    private void signedIn(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException, ServletException {
        var done = ((OperatorUser) authentication.getPrincipal()).signedIn;
        // The session keeps the console's identity alone, not the provider's token that OAuth2 login saved.
        SecurityContextHolder.clearContext();
        request.getSession().removeAttribute(OperatorSessions.CONTEXT_ATTRIBUTE);
        if (done.secondFactor() != SecondFactor.NONE) {
            PendingSignIn.start(request, response, done, clock);
            return;
        }
        // The account's language is filled in when the first request reloads the operator.
        var person = ConsoleOperator.of(done.accountId(), done.operator(), null);
        OperatorSessions.FORM.signInHere(request, person, done.credentialsVersion());
        success.onAuthenticationSuccess(request, response, OperatorSessions.FORM.signedIn(person, done.credentialsVersion()));
    }

    /** Back to the account's sign-in page, saying why (the codes are {@link #reason}'s). */
    private void refused(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String accountId = path.startsWith(CALLBACK) ? path.substring(CALLBACK.length()) : "";
        // What the provider or the ID token got wrong is for the administrator, not the page.
        log.info("Single sign-on to account {} refused: {}", accountId,
                failure instanceof OAuth2AuthenticationException oauth ? oauth.getError() : failure.getMessage());
        signInPage(request, response, accountId, "sso-error=" + reason(failure));
    }

    /**
     * What the sign-in page says of a refusal: one of the account's own ({@code domain_not_allowed}, …), {@code state}
     * (an answer that matches no sign-in this browser started), {@code id_token} (a token not from the account's
     * issuer, not for its client, or with another nonce), {@code cancelled}, or {@code provider} for anything else.
     */
    static String reason(AuthenticationException failure) {
        if (!(failure instanceof OAuth2AuthenticationException oauth)) {
            return "provider";
        }
        String code = oauth.getError().getErrorCode();
        return switch (code) {
            case "not_configured", "email_missing", "email_unverified", "domain_not_allowed", "unknown_operator", "deactivated" -> code;
            case "authorization_request_not_found", "invalid_state_parameter" -> "state";
            case "invalid_id_token", "invalid_nonce" -> "id_token";
            case "access_denied" -> "cancelled";
            default -> "provider";
        };
    }

    static void signInPage(HttpServletRequest request, HttpServletResponse response, String accountId, String query) throws IOException {
        String account = accountId == null || accountId.isBlank() ? "" : "account=" + URLEncoder.encode(accountId, StandardCharsets.UTF_8) + "&";
        response.sendRedirect(request.getContextPath() + OperatorSessions.SIGN_IN + "?" + account + query);
    }

    /**
     * The password form's answer when the operator's account has turned password sign-in off: back to the account's
     * sign-in page, which offers the provider; any other refusal goes to {@code next}.
     */
    static AuthenticationFailureHandler passwordSignInOff(AuthenticationFailureHandler next) {
        return (request, response, failure) -> {
            if (failure instanceof PasswordSignInOff off) {
                signInPage(request, response, off.accountId, "password-off");
                return;
            }
            next.onAuthenticationFailure(request, response, failure);
        };
    }

    /** Thrown by the password check for an operator whose account signs in through its provider only. */
    static final class PasswordSignInOff extends AuthenticationException {

        private final String accountId;

        PasswordSignInOff(String accountId) {
            super("password sign-in is off for the account");
            this.accountId = accountId;
        }
    }

    /** The provider's user with the operator it was mapped to; lives for the request that signs in. */
    private static final class OperatorUser extends DefaultOidcUser {

        private final transient SignedInOperator signedIn;

        OperatorUser(OidcUser user, SignedInOperator signedIn) {
            super(user.getAuthorities(), user.getIdToken(), user.getUserInfo());
            this.signedIn = signedIn;
        }
    }

    /** The console keeps none of the provider's tokens: it calls nothing of the provider after signing in. */
    private static final class NoAuthorizedClients implements OAuth2AuthorizedClientRepository {

        @Override
        public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String clientRegistrationId, Authentication principal,
                                                                         HttpServletRequest request) {
            return null;
        }

        @Override
        public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal, HttpServletRequest request,
                                         HttpServletResponse response) {
        }

        @Override
        public void removeAuthorizedClient(String clientRegistrationId, Authentication principal, HttpServletRequest request,
                                           HttpServletResponse response) {
        }
    }
}
