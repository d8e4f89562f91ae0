package io.atende.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * What a new password must be, wherever one is set (operators and portal customers, by an admin, the API, the
 * profile or a reset link): at least {@value #MIN_LENGTH} characters, at most {@value #MAX_LENGTH}, and not one of the
 * 10,000 most common passwords shipped with the application ({@code security/common-passwords.txt}), compared in lower
 * case. Length limits are counted in characters, so a passphrase of any language is welcome.
 */
@Component
public class PasswordRules {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 200;
    static final String LIST = "security/common-passwords.txt";

    private final Set<String> common;

    PasswordRules() {
        this.common = load();
    }

    /**
     * Refuses a password that breaks a rule, naming the form field or parameter it came in.
     *
     * @throws InvalidInputException {@code parameter.too_short}, {@code parameter.too_long} or {@code password.too_common}
     */
    public void check(String field, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw new InvalidInputException(field, "parameter.too_short", MIN_LENGTH);
        }
        if (password.length() > MAX_LENGTH) {
            throw new InvalidInputException(field, "parameter.too_long", MAX_LENGTH);
        }
        if (common.contains(password.toLowerCase(Locale.ROOT))) {
            throw new InvalidInputException(field, "password.too_common");
        }
    }

    private static Set<String> load() {
        Set<String> passwords = new HashSet<>(16_384);
        try (var reader = new BufferedReader(new InputStreamReader(new ClassPathResource(LIST).getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    passwords.add(line.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException missing) {
            throw new UncheckedIOException("cannot read " + LIST, missing);
        }
        if (passwords.size() < 1000) {
            throw new IllegalStateException(LIST + " holds only " + passwords.size() + " passwords");
        }
        return Set.copyOf(passwords);
    }
}
