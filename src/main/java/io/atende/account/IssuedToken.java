package io.atende.account;

/** A token just created, with the secret that is shown this one time and never stored. */
public record IssuedToken(TokenView token, String secret) {
}
