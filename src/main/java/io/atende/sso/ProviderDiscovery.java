package io.atende.sso;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import io.atende.platform.InternalAddresses;
import io.atende.platform.InvalidInputException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.stereotype.Component;

/**
 * Reads an issuer's OpenID Connect discovery document with Spring Security's {@link ClientRegistrations}, which also
 * checks that the document names the same issuer. The server fetches the document, the token and the keys itself, so
 * an issuer (and every endpoint it names) on a loopback, link-local or private address is refused unless
 * {@code atende.sso.allow-internal-issuers} is on (an identity provider inside the installation's own network).
 */
@Component
class ProviderDiscovery {

    /** Where the provider sends the browser back: {@code <public address>/console/sso/callback/<account id>}. */
    static final String REDIRECT_URI = "{baseUrl}/console/sso/callback/{registrationId}";
    static final List<String> SCOPES = List.of("openid", "email", "profile");

    private final boolean allowInternal;

    ProviderDiscovery(@Value("${atende.sso.allow-internal-issuers}") boolean allowInternal) {
        this.allowInternal = allowInternal;
    }

    /** Whether an issuer may be plain {@code http}: only one inside the installation's own network. */
    boolean allowsInternal() {
        return allowInternal;
    }

    /**
     * The registration of the account's client at the issuer.
     *
     * @throws InvalidInputException ({@code issuer}) when the document cannot be read or names endpoints the server may not reach
     */
    ClientRegistration discover(String issuer, String registrationId, String clientId, String clientSecret) {
        checkReachable(issuer);
        ClientRegistration registration;
        try {
            registration = ClientRegistrations.fromIssuerLocation(issuer)
                    .registrationId(registrationId)
                    .clientId(clientId)
                    .clientSecret(clientSecret)
                    .scope(SCOPES)
                    .redirectUri(REDIRECT_URI)
                    .build();
        } catch (RuntimeException unreadable) {
            throw new InvalidInputException("issuer", "sso.discovery_failed", reason(unreadable));
        }
        var provider = registration.getProviderDetails();
        Stream.of(provider.getAuthorizationUri(), provider.getTokenUri(), provider.getJwkSetUri(), provider.getUserInfoEndpoint().getUri())
                .filter(uri -> uri != null && !uri.isBlank())
                .forEach(this::checkReachable);
        return registration;
    }

    /** The issuer's discovery document, for "test connection". */
    ProviderMetadata metadata(String issuer) {
        var registration = discover(issuer, "test", "test", null);
        var provider = registration.getProviderDetails();
        Object scopes = provider.getConfigurationMetadata().get("scopes_supported");
        return new ProviderMetadata(provider.getIssuerUri(), provider.getAuthorizationUri(), provider.getTokenUri(),
                provider.getJwkSetUri(), provider.getUserInfoEndpoint().getUri(),
                scopes instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of());
    }

    private void checkReachable(String address) {
        String host;
        try {
            host = URI.create(address).getHost();
        } catch (IllegalArgumentException malformed) {
            throw new InvalidInputException("issuer", "sso.issuer_invalid");
        }
        if (host == null) {
            throw new InvalidInputException("issuer", "sso.issuer_invalid");
        }
        if (allowInternal) {
            return;
        }
        try {
            for (InetAddress resolved : InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host)) {
                if (InternalAddresses.isInternal(resolved)) {
                    throw new InvalidInputException("issuer", "sso.issuer_internal", host.toLowerCase(Locale.ROOT));
                }
            }
        } catch (UnknownHostException unknown) {
            throw new InvalidInputException("issuer", "sso.discovery_failed", "unknown host " + host);
        }
    }

    private static String reason(RuntimeException failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }
}
