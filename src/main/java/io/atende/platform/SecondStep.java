package io.atende.platform;

import java.io.IOException;
import java.io.Serializable;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * The second step of a form sign-in, as the console and the portal share it: the password check of an area throws
 * {@link Needed} for a person whose password was right but who still owes a code; the form's failure handler
 * ({@link #handoff}) then keeps a pending sign-in in the session, outside the area's security context, and goes to the
 * code page. Each area keeps its own pending record under its own attribute, so one browser may be half-way into both.
 */
public final class SecondStep {

    private SecondStep() {
    }

    /** Thrown by an area's password check for a person whose sign-in needs a second step. */
    public static final class Needed extends AuthenticationException {

        private final transient Object signedIn;

        /** @param signedIn what the password check found, as the area's module answered it */
        public Needed(Object signedIn) {
            super("a second factor is needed");
            this.signedIn = signedIn;
        }
    }

    /** Keeps the pending sign-in of a person whose first step succeeded, and sends the browser on. */
    @FunctionalInterface
    public interface Start<T> {

        void start(HttpServletRequest request, HttpServletResponse response, T signedIn) throws IOException;
    }

    /**
     * Answers the sign-in form: a password that needs a second step goes to {@code start}; any other refusal to
     * {@code refused}.
     */
    public static <T> AuthenticationFailureHandler handoff(AuthenticationFailureHandler refused, Class<T> type, Start<T> start) {
        return (request, response, failure) -> {
            if (failure instanceof Needed needed && type.isInstance(needed.signedIn)) {
                start.start(request, response, type.cast(needed.signedIn));
                return;
            }
            refused.onAuthenticationFailure(request, response, failure);
        };
    }

    /** The pending sign-in this session keeps under {@code attribute}, expired or not. */
    public static <T> Optional<T> of(HttpServletRequest request, String attribute, Class<T> type) {
        var session = request.getSession(false);
        var kept = session == null ? null : session.getAttribute(attribute);
        return type.isInstance(kept) ? Optional.of(type.cast(kept)) : Optional.empty();
    }

    /**
     * Keeps the pending sign-in in a session with a new id (the password proved something, so an id known before must
     * not reach it).
     */
    public static void keep(HttpServletRequest request, String attribute, Serializable pending) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        request.getSession().setAttribute(attribute, pending);
    }

    public static void forget(HttpServletRequest request, String attribute) {
        var session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(attribute);
        }
    }
}
