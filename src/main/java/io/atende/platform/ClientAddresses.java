package io.atende.platform;

/**
 * The address the request being served on this thread comes from, as the application sees it: the connection's peer,
 * or the client a trusted proxy forwarded for when forwarded headers are enabled ({@code server.forward-headers-strategy}).
 * Set by {@link CorrelationFilter} for the whole request, the security chain (sign-ins) included, so that records of
 * who changed what can say from where.
 */
public final class ClientAddresses {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private ClientAddresses() {
    }

    /** The current request's client address, or {@code null} outside a request (background work). */
    public static String current() {
        return CURRENT.get();
    }

    static void set(String address) {
        CURRENT.set(address);
    }

    static void clear() {
        CURRENT.remove();
    }
}
