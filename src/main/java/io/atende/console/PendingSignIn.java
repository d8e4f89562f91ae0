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

import org.springframework.security.core.AuthenticationException;
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
        var session = request.getSession(false);
        return session != null && session.getAttribute(ATTRIBUTE) instanceof PendingSignIn pending ? Optional.of(pending) : Optional.empty();
    }

    /** Whether it may still be completed. */
    boolean live(Clock clock) {
        return clock.instant().isBefore(expiresAt);
    }

    static void forget(HttpServletRequest request) {
        var session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(ATTRIBUTE);
        }
    }

    /** Thrown by the console's password check for an operator whose sign-in needs a second step. */
    static final class Needed extends AuthenticationException {

        private final transient SignedInOperator operator;

        Needed(SignedInOperator operator) {
            super("a second factor is needed");
            this.operator = operator;
        }
    }

    /**
     * Answers the sign-in form: a password that needs a second step keeps the pending sign-in (in a session with a new
     * id, as the password proved something) and goes to the code or enrolment page; any other refusal goes to
     * {@code refused}.
     */
    static AuthenticationFailureHandler handoff(AuthenticationFailureHandler refused, Clock clock) {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) -> {
            if (!(failure instanceof Needed needed)) {
                refused.onAuthenticationFailure(request, response, failure);
                return;
            }
            start(request, response, needed.operator, clock);
        };
    }

    /**
     * Keeps the pending sign-in of an operator whose first step (a password, or an identity provider the account does
     * not trust for two-factor) succeeded, in a session with a new id, and goes to the code or enrolment page.
     */
    static void start(HttpServletRequest request, HttpServletResponse response, SignedInOperator operator, Clock clock) throws IOException {
        boolean enrolment = operator.secondFactor() == SecondFactor.ENROLMENT;
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        request.getSession().setAttribute(ATTRIBUTE, new PendingSignIn(operator.accountId(), operator.operator().id(),
                operator.credentialsVersion(), clock.instant().plus(LIFETIME), enrolment));
        redirect(request, response, enrolment ? ENROL_PAGE : CODE_PAGE);
    }

    private static void redirect(HttpServletRequest request, HttpServletResponse response, String page) throws IOException {
        response.sendRedirect(request.getContextPath() + page);
    }
}
