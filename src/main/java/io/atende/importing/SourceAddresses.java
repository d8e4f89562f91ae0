package io.atende.importing;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

import io.atende.platform.InternalAddresses;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps imports from reading the server's own networks, as webhooks are kept from posting there: a source that resolves
 * to a loopback, link-local or private address is refused unless {@code atende.import.allow-private} is on. Checked
 * when a job starts and again by the client's resolver for every connection it opens, because DNS answers change.
 */
@Component
class SourceAddresses {

    private final boolean allowPrivate;

    SourceAddresses(@Value("${atende.import.allow-private:false}") boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** The URL when it is an absolute http(s) URL with a host whose path ends in {@code /v2.0}; empty otherwise. */
    static Optional<URI> parse(String url) {
        try {
            var uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getHost().isBlank()
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getPath() == null
                    || !uri.getPath().replaceAll("/+$", "").endsWith("/v2.0")) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException malformed) {
            return Optional.empty();
        }
    }

    /**
     * The host's addresses, each allowed.
     *
     * @throws Refused when one is not
     * @throws UnknownHostException when the name does not resolve
     */
    InetAddress[] allowedAddresses(String host) throws UnknownHostException {
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses = InetAddress.getAllByName(host);
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                if (InternalAddresses.isInternal(address)) {
                    throw new Refused(address);
                }
            }
        }
        return addresses;
    }

    /** A source on an address imports may not read; an {@link UnknownHostException}, so that the HTTP client gives up on it. */
    static final class Refused extends UnknownHostException {

        private final transient InetAddress address;

        Refused(InetAddress address) {
            super("Source refused: " + address.getHostAddress() + " is a loopback, link-local or private address");
            this.address = address;
        }

        InetAddress address() {
            return address;
        }
    }
}
