package io.atende.platform;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Addresses of the server's own networks, which requests the server makes on a user's behalf (webhooks, imports) must
 * not reach (SSRF): loopback, link-local, private, shared (CGNAT), multicast, unspecified and reserved addresses, also
 * when an IPv6 form carries such an IPv4 address.
 */
public final class InternalAddresses {

    private InternalAddresses() {
    }

    /** Whether the address belongs to a network a server-side request may not reach. */
    public static boolean isInternal(InetAddress address) {
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

}
