package io.atende.platform;

import java.util.regex.Pattern;

/** The shape check for e-mail addresses we accept from callers: one @, a dotted domain, no spaces. */
public final class Emails {

    private static final Pattern SHAPE = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

    private Emails() {
    }

    public static boolean isValid(String email) {
        return email != null && email.length() <= 250 && SHAPE.matcher(email.strip()).matches();
    }
}
