package io.atende.platform;

import java.io.Serializable;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.session.FindByIndexNameSessionRepository;

/**
 * The browser (its User-Agent, clipped) and client address a signed-in session was last used from, kept in the
 * session with the name of who signed in, by which Spring Session indexes it, so that a person's sessions can be
 * listed and ended. Both are written by the request that signs in: added by two first pages loading at once, the
 * database session store would refuse the second addition.
 */
public record SessionClient(String userAgent, String address) implements Serializable {

    public static final String ATTRIBUTE = SessionClient.class.getName();

    static SessionClient of(HttpServletRequest request) {
        String agent = request.getHeader("User-Agent");
        return new SessionClient(agent == null ? null : agent.substring(0, Math.min(agent.length(), 300)), request.getRemoteAddr());
    }

    /** Marks the request's session as signed in by {@code principalName}, from this browser and address. */
    static void signedIn(HttpServletRequest request, String principalName) {
        HttpSession session = request.getSession();
        session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, principalName);
        session.setAttribute(ATTRIBUTE, of(request));
    }

    /**
     * Updates the browser and address of a signed-in session when they changed (a new address, an updated browser).
     * Never adds them: a session signed in before they were kept stays without.
     */
    public static void seen(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(ATTRIBUTE) instanceof SessionClient known) {
            var now = of(request);
            if (!now.equals(known)) {
                session.setAttribute(ATTRIBUTE, now);
            }
        }
    }
}
