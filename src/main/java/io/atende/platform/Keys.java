package io.atende.platform;

import java.util.Locale;

/** Normalized forms used for case-insensitive uniqueness (names, e-mail addresses, tags). */
public final class Keys {

    private Keys() {
    }

    /** Trimmed and lower-cased; {@code null} stays {@code null}. */
    public static String of(String text) {
        return text == null ? null : text.strip().toLowerCase(Locale.ROOT);
    }
}
