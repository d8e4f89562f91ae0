package io.atende.platform;

/** The checks every module applies to text it is given, with the errors the API reports for them. */
public final class Inputs {

    private Inputs() {
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
