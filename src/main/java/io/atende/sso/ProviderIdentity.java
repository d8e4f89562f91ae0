package io.atende.sso;

/**
 * Who the identity provider says signed in, from an ID token whose signature, issuer, audience, expiry and nonce
 * were checked.
 *
 * @param emailVerified the provider's {@code email_verified} claim, {@code null} when it sends none
 */
public record ProviderIdentity(String subject, String email, Boolean emailVerified, String name) {
}
