package io.atende.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atende.operator.OperatorSignIn;
import io.atende.platform.SessionClient;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An operator's console sessions, as Spring Session keeps them in the database: each signed-in session is indexed by
 * the operator ({@link ConsoleOperator#principalName()}) and remembers the browser and address it was last used from
 * ({@link SessionClient}),
 * so the operator can see where they are signed in and end any of those sessions, and an admin can end all of an
 * operator's. Pages name a session by a hash of its id, never the id itself, which is the cookie that signs it in.
 */
@Component
public class ConsoleSessions {

    private final FindByIndexNameSessionRepository<? extends Session> sessions;
    private final OperatorSignIn signIn;

    ConsoleSessions(FindByIndexNameSessionRepository<? extends Session> sessions, OperatorSignIn signIn) {
        this.sessions = sessions;
        this.signIn = signIn;
    }

    /**
     * One signed-in session.
     *
     * @param handle   what pages name it by (a hash of its id)
     * @param device   the browser and system read from the user agent ("Firefox on Windows"), or {@code null}
     * @param current  whether it is the session looking at the list
     */
    public record SessionView(String handle, String device, String userAgent, String address, Instant started, Instant lastSeen,
                              boolean current) {
    }

    /** The operator's signed-in sessions, the current one first, then the most recently used. */
    public List<SessionView> of(ConsoleOperator operator, String currentSessionId) {
        return sessions.findByPrincipalName(operator.principalName()).values().stream()
                .filter(session -> !session.isExpired())
                .map(session -> view(session, currentSessionId))
                .sorted(Comparator.comparing(SessionView::current).reversed().thenComparing(SessionView::lastSeen, Comparator.reverseOrder()))
                .toList();
    }

    /** Ends one of the operator's sessions (not the current one: signing out does that); false when there is no such session. */
    public boolean end(ConsoleOperator operator, String handle, String currentSessionId) {
        for (String id : sessions.findByPrincipalName(operator.principalName()).keySet()) {
            if (handle(id).equals(handle) && !id.equals(currentSessionId)) {
                sessions.deleteById(id);
                return true;
            }
        }
        return false;
    }

    /** How many sessions the operator has open. */
    public int count(String accountId, String operatorId) {
        return (int) sessions.findByPrincipalName(principalName(accountId, operatorId)).values().stream().filter(s -> !s.isExpired()).count();
    }

    /**
     * Ends every session of the operator, on every node, and records it in the audit log: their sessions stop at
     * their next request (the operator's credentials change), and are deleted now. Answers how many were open.
     */
    public int endAll(String accountId, String operatorId) {
        var open = sessions.findByPrincipalName(principalName(accountId, operatorId));
        signIn.endSessions(accountId, operatorId, (int) open.values().stream().filter(s -> !s.isExpired()).count());
        open.keySet().forEach(sessions::deleteById);
        return open.size();
    }

    /** Keeps the browser and address of each signed-in session up to date (written only when they change). */
    static OncePerRequestFilter recorder() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (SecurityContextHolder.getContext().getAuthentication() != null
                        && SecurityContextHolder.getContext().getAuthentication().getPrincipal() instanceof ConsoleOperator) {
                    SessionClient.seen(request);
                }
                chain.doFilter(request, response);
            }
        };
    }

    private static SessionView view(Session session, String currentSessionId) {
        SessionClient client = session.getAttribute(SessionClient.ATTRIBUTE) instanceof SessionClient known ? known : new SessionClient(null, null);
        return new SessionView(handle(session.getId()), device(client.userAgent()), client.userAgent(), client.address(),
                session.getCreationTime(), session.getLastAccessedTime(), Objects.equals(session.getId(), currentSessionId));
    }

    private static String principalName(String accountId, String operatorId) {
        return "operator:" + accountId + ":" + operatorId;
    }

    static String handle(String sessionId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8)), 0, 12);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** A short name of the browser and system, from the user agent; {@code null} when neither is recognised. */
    static String device(String userAgent) {
        if (userAgent == null) {
            return null;
        }
        String agent = userAgent.toLowerCase(Locale.ROOT);
        String browser = firstOf(agent, Map.entry("edg/", "Edge"), Map.entry("opr/", "Opera"), Map.entry("firefox/", "Firefox"),
                Map.entry("chrome/", "Chrome"), Map.entry("chromium/", "Chromium"), Map.entry("safari/", "Safari"));
        String system = firstOf(agent, Map.entry("android", "Android"), Map.entry("iphone", "iOS"), Map.entry("ipad", "iPadOS"),
                Map.entry("windows", "Windows"), Map.entry("mac os x", "macOS"), Map.entry("cros", "ChromeOS"), Map.entry("linux", "Linux"));
        if (browser == null && system == null) {
            return null;
        }
        return browser == null ? system : system == null ? browser : browser + " · " + system;
    }

    @SafeVarargs
    private static String firstOf(String agent, Map.Entry<String, String>... marks) {
        for (var mark : marks) {
            if (agent.contains(mark.getKey())) {
                return mark.getValue();
            }
        }
        return null;
    }
}
