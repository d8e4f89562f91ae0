package io.atende.platform;

/** The checks every module applies to text it is given, with the errors the API reports for them. */
public final class Inputs {

    private Inputs() {
    }

    /**
     * Whether the text holds no control characters but tab, line feed and carriage return. Nothing a
     * person types needs the others, and PostgreSQL refuses to store U+0000 in text at all.
     */
    public static boolean hasNoControlCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** The stripped text; invalid when it is missing, blank or longer than {@code maxLength}. */
    public static String requiredText(String parameter, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(parameter, "parameter.required");
        }
        return optionalText(parameter, value, maxLength);
    }

    /** The stripped text, or {@code null}; invalid when longer than {@code maxLength}. */
    public static String optionalText(String parameter, String value, int maxLength) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > maxLength) {
            throw new InvalidInputException(parameter, "parameter.too_long", maxLength);
        }
        return stripped;
    }

    /** The stripped address; invalid when missing or not shaped like an e-mail address. */
    public static String requiredEmail(String parameter, String value) {
        String email = requiredText(parameter, value, 250);
        if (!Emails.isValid(email)) {
            throw new InvalidInputException(parameter, "parameter.invalid_email");
        }
        return email;
    }
}
