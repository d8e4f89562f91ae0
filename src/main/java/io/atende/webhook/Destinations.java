package io.atende.webhook;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

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
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0                                   // "this network"
                    || (first == 100 && (second & 0xc0) == 64)  // 100.64.0.0/10, carrier-grade NAT
                    || (first == 192 && second == 0 && (bytes[2] & 0xff) == 0) // 192.0.0.0/24, protocol assignments
                    || (first == 198 && (second & 0xfe) == 18)  // 198.18.0.0/15, benchmarking
                    || first >= 240;                            // reserved and broadcast
        }
        if ((bytes[0] & 0xfe) == 0xfc) {                        // fc00::/7, unique local
            return true;
        }
        Optional<byte[]> embedded = embeddedIpv4(bytes);
        if (embedded.isPresent()) {                             // an IPv6 form that carries an IPv4 destination
            try {
                return isInternal(InetAddress.getByAddress(embedded.get()));
            } catch (UnknownHostException impossible) {
                return true;
            }
        }
        return false;
    }

    /**
     * The IPv4 address an IPv6 address carries: IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible
     * {@code ::a.b.c.d} (deprecated, still routed by some stacks), NAT64 {@code 64:ff9b::a.b.c.d} and
     * 6to4 {@code 2002:aabb:ccdd::/48}, whose gateway relays to the IPv4 address in bits 16 to 48, and
     * Teredo {@code 2001:0::/32}, whose relay forwards to the client's IPv4 address, stored inverted
     * in the last 32 bits.
     */
    private static Optional<byte[]> embeddedIpv4(byte[] bytes) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= bytes[i] == 0;
        }
        boolean mapped = zeroPrefix && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
        boolean compatible = zeroPrefix && bytes[10] == 0 && bytes[11] == 0;
        boolean nat64 = bytes[0] == 0 && (bytes[1] & 0xff) == 0x64 && (bytes[2] & 0xff) == 0xff && (bytes[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = bytes[i] == 0;
        }
        if (mapped || compatible || nat64) {
            return Optional.of(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]});
        }
        if ((bytes[0] & 0xff) == 0x20 && bytes[1] == 0x02) {
            return Optional.of(new byte[] {bytes[2], bytes[3], bytes[4], bytes[5]});
        }
        if ((bytes[0] & 0xff) == 0x20 && bytes[1] == 0x01 && bytes[2] == 0 && bytes[3] == 0) {
            return Optional.of(new byte[] {(byte) ~bytes[12], (byte) ~bytes[13], (byte) ~bytes[14], (byte) ~bytes[15]});
        }
        return Optional.empty();
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
