package io.atende.support;

import java.io.ByteArrayOutputStream;
import java.security.InvalidKeyException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;

/**
 * What an operator's authenticator app does with the key the enrolment page shows: the six-digit TOTP code of any
 * moment (RFC 6238 through java-otp, HMAC-SHA1, 30-second steps), computed apart from the server's own code.
 */
public final class AuthenticatorApp {

    public static final Duration STEP = Duration.ofSeconds(30);
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final SecretKeySpec key;

    /** @param shownKey the key as the page shows it, Base32, spaces allowed */
    public AuthenticatorApp(String shownKey) {
        this.key = new SecretKeySpec(decode(shownKey.replaceAll("\\s", "").toUpperCase(Locale.ROOT)), "HmacSHA1");
    }

    /** The code the app shows now. */
    public String now() {
        return at(Instant.now());
    }

    /** The code of the next 30-second step: one the server still accepts once the current one has been used. */
    public String next() {
        return at(Instant.now().plus(STEP));
    }

    public String at(Instant moment) {
        try {
            return new TimeBasedOneTimePasswordGenerator(STEP, 6).generateOneTimePasswordString(key, moment, Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] decode(String base32) {
        var out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : base32.toCharArray()) {
            buffer = (buffer << 5) | BASE32.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
