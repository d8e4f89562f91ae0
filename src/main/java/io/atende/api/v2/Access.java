package io.atende.api.v2;

import io.atende.account.TokenScope;

/** Who may call an endpoint. */
enum Access {
    /** No token: discovery documents. */
    PUBLIC(null),
    READ(TokenScope.READ),
    WRITE(TokenScope.WRITE),
    ADMIN(TokenScope.ADMIN),
    /** Only the installation's platform token, never an account's token. */
    PLATFORM(null);

    private final TokenScope scope;

    Access(TokenScope scope) {
        this.scope = scope;
    }

    TokenScope scope() {
        return scope;
    }
}
