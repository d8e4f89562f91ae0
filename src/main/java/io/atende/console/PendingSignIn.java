package io.atende.console;

import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atende.operator.SecondFactor;
import io.atende.operator.SignedInOperator;
import io.atende.platform.SecondStep;

import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * A sign-in whose password was right but which still needs the operator's second factor: a code, or an enrolment
 * when the account requires one they have not set up. It lives in the session for {@link #LIFETIME}, outside the
 * console's security context: the browser is not signed in, so no console page is reachable, only the page that asks
 * for the code (or enrols). A new sign-in replaces it; completing it signs in with a fresh session id.
 *
 * @param credentialsVersion the password's version when it was typed: a change since then voids the sign-in
 */
record PendingSignIn(String accountId, String operatorId, int credentialsVersion, Instant expiresAt, boolean enrolment)
        implements Serializable {

    static final Duration LIFETIME = Duration.ofMinutes(5);
    static final String CODE_PAGE = "/console/sign-in/code";
    static final String ENROL_PAGE = "/console/sign-in/enrol";
    private static final String ATTRIBUTE = PendingSignIn.class.getName();

    /** The pending sign-in of this session, expired or not. */
    static Optional<PendingSignIn> of(HttpServletRequest request) {
        return SecondStep.of(request, ATTRIBUTE, PendingSignIn.class);
    }

    /** Whether it may still be completed. */
    boolean live(Clock clock) {
        return clock.instant().isBefore(expiresAt);
    }

    static void forget(HttpServletRequest request) {
        SecondStep.forget(request, ATTRIBUTE);
    }

    /**
     * Answers the sign-in form: a password that needs a second step ({@link SecondStep.Needed}) keeps the pending
     * sign-in and goes to the code or enrolment page; any other refusal goes to {@code refused}.
     */
    static AuthenticationFailureHandler handoff(AuthenticationFailureHandler refused, Clock clock) {
        return SecondStep.handoff(refused, SignedInOperator.class, (request, response, operator) -> start(request, response, operator, clock));
    }

    /**
     * Keeps the pending sign-in of an operator whose first step (a password, or an identity provider the account does
     * not trust for two-factor) succeeded, in a session with a new id, and goes to the code or enrolment page.
     */
    static void start(HttpServletRequest request, HttpServletResponse response, SignedInOperator operator, Clock clock) throws IOException {
        boolean enrolment = operator.secondFactor() == SecondFactor.ENROLMENT;
        SecondStep.keep(request, ATTRIBUTE, new PendingSignIn(operator.accountId(), operator.operator().id(),
                operator.credentialsVersion(), clock.instant().plus(LIFETIME), enrolment));
        redirect(request, response, enrolment ? ENROL_PAGE : CODE_PAGE);
    }

    private static void redirect(HttpServletRequest request, HttpServletResponse response, String page) throws IOException {
        response.sendRedirect(request.getContextPath() + page);
    }
}
