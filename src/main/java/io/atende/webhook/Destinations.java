package io.atende.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

import io.atende.platform.InternalAddresses;

import org.springframework.stereotype.Component;

/**
 * Keeps webhooks from reaching into the server's own networks (SSRF): a destination that resolves
 * to a loopback, link-local, private, shared (CGNAT), multicast or unspecified address is refused
 * unless the operator allows private destinations, also when an IPv6 form carries such an IPv4 address;
 * so is a port other than 80, 443 and 1024-65535. Checked when a subscription is saved and again
 * by the sender's resolver for every connection it opens, because DNS answers change.
 */
@Component
class Destinations {

    private final WebhookProperties properties;

    Destinations(WebhookProperties properties) {
        this.properties = properties;
    }

    /** The URL when it is an absolute http(s) URL with a host; empty otherwise. */
    static Optional<URI> parse(String url) {
        try {
            var uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getHost().isBlank()
                    || uri.getRawFragment() != null) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException malformed) {
            return Optional.empty();
        }
    }

    /**
     * The first address of the host that is not allowed, or empty when every address is.
     *
     * @throws UnknownHostException when the name does not resolve
     */
    Optional<InetAddress> forbiddenAddress(URI uri) throws UnknownHostException {
        if (properties.allowPrivate()) {
            return Optional.empty();
        }
        try {
            allowedAddresses(uri.getHost());
            return Optional.empty();
        } catch (Refused refused) {
            return Optional.of(refused.address());
        }
    }

    /**
     * The addresses of the host, resolved once, for the sender to connect to: checking the very
     * addresses it connects to leaves no gap for a DNS answer that changes between check and connect.
     *
     * @throws Refused when one of them is not allowed
     * @throws UnknownHostException when the name does not resolve
     */
    InetAddress[] allowedAddresses(String host) throws UnknownHostException {
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses = InetAddress.getAllByName(host);
        if (!properties.allowPrivate()) {
            for (InetAddress address : addresses) {
                if (isInternal(address)) {
                    throw new Refused(address);
                }
            }
        }
        return addresses;
    }

    /** A destination that resolves to an address webhooks may not reach; an {@link UnknownHostException}, so that HTTP clients give up on it. */
    static final class Refused extends UnknownHostException {

        private final transient InetAddress address;

        Refused(InetAddress address) {
            super("Destination refused: " + address.getHostAddress() + " is a loopback, link-local or private address");
            this.address = address;
        }

        InetAddress address() {
            return address;
        }
    }

    static boolean isInternal(InetAddress address) {
        return InternalAddresses.isInternal(address);
    }

    /**
     * Whether webhooks may connect to this port: the web's 80 and 443 and the unprivileged 1024 and up, so that a
     * subscription cannot knock on a mail, SSH or database service of some other host. Any port when private
     * destinations are allowed.
     */
    boolean allowsPort(URI uri) {
        int port = uri.getPort();
        return properties.allowPrivate() || port == -1 || port == 80 || port == 443 || (port >= 1024 && port <= 65535);
    }
}
