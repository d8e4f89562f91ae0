package io.atende.portal;

import java.io.IOException;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atende.customeraccess.SignedInCustomer;
import io.atende.platform.SecondStep;

import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * A portal sign-in whose password was right but which still needs the customer's code ({@link SecondStep}): it lives
 * in the session for {@link #LIFETIME} outside the portal's security context, so no portal page is reachable, only the
 * code page. A new sign-in replaces it; completing it signs in with a fresh session id.
 *
 * @param credentialsVersion the password's version when it was typed: a change since then voids the sign-in
 */
record PendingCustomerSignIn(String accountId, String customerId, int credentialsVersion, Instant expiresAt) implements Serializable {

    static final Duration LIFETIME = Duration.ofMinutes(5);
    static final String CODE_PAGE = "/portal/sign-in/code";
    private static final String ATTRIBUTE = PendingCustomerSignIn.class.getName();

    /** The pending sign-in of this session, if it may still be completed. */
    static Optional<PendingCustomerSignIn> of(HttpServletRequest request, Clock clock) {
        return SecondStep.of(request, ATTRIBUTE, PendingCustomerSignIn.class).filter(pending -> clock.instant().isBefore(pending.expiresAt));
    }

    static void forget(HttpServletRequest request) {
        SecondStep.forget(request, ATTRIBUTE);
    }

    /** Answers the sign-in form: a password that needs a code goes to the code page, any other refusal to {@code refused}. */
    static AuthenticationFailureHandler handoff(AuthenticationFailureHandler refused, Clock clock) {
        return SecondStep.handoff(refused, SignedInCustomer.class, (request, response, signedIn) -> start(request, response, signedIn, clock));
    }

    private static void start(HttpServletRequest request, HttpServletResponse response, SignedInCustomer signedIn, Clock clock)
            throws IOException {
        String accountId = signedIn.customer().accountId();
        SecondStep.keep(request, ATTRIBUTE, new PendingCustomerSignIn(accountId, signedIn.customer().customerId(),
                signedIn.credentialsVersion(), clock.instant().plus(LIFETIME)));
        response.sendRedirect(request.getContextPath() + CODE_PAGE + "?account=" + URLEncoder.encode(accountId, StandardCharsets.UTF_8));
    }
}
