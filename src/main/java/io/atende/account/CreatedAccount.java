package io.atende.account;

/** A new tenant and its first admin token. */
public record CreatedAccount(AccountView account, IssuedToken adminToken) {
}
