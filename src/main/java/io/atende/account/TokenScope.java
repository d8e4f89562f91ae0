package io.atende.account;

import java.util.Locale;
import java.util.Optional;

/** What a token may do: read (GET only), write (create and modify data), admin (also manage the account). */
public enum TokenScope {
    READ, WRITE, ADMIN;

    /** Whether a token of this scope may call an endpoint that requires {@code required}. */
    public boolean covers(TokenScope required) {
        return compareTo(required) >= 0;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TokenScope> fromWireName(String text) {
        for (var scope : values()) {
            if (scope.wireName().equals(text)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}
