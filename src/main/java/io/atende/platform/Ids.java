package io.atende.platform;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Random 32-hex identifiers, generated in Java so that an id is known before the insert. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}");

    private Ids() {
    }

    /** A new random id of 32 lowercase hex characters (128 bits). */
    public static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Whether the text has the shape of an id; anything else cannot name a row. */
    public static boolean isId(String text) {
        return text != null && FORMAT.matcher(text).matches();
    }
}
