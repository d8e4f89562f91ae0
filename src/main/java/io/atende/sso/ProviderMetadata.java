package io.atende.sso;

import java.util.List;

/** What an issuer's discovery document says, as "test connection" shows it. */
public record ProviderMetadata(String issuer, String authorizationEndpoint, String tokenEndpoint, String jwkSetUri,
                               String userInfoEndpoint, List<String> scopes) {
}
