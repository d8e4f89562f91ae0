package io.atende.sso;

/** What the sign-in page of an account with single sign-on shows: the provider's button, and whether the password form. */
public record SignInOffer(String accountId, String providerName, boolean passwordSignIn) {
}
