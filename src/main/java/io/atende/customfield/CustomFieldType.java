package io.atende.customfield;

import java.util.Locale;
import java.util.Optional;

/** How a custom field's value is entered and checked. */
public enum CustomFieldType {
    /** One line, at most 250 characters. */
    TEXT,
    /** Free text, at most 10,000 characters. */
    TEXTAREA,
    /** A decimal number. */
    NUMBER,
    /** A calendar date, {@code YYYY-MM-DD}. */
    DATE,
    /** One of the field's options. */
    SELECT,
    /** Yes or no, stored as {@code 1} or {@code 0}. */
    CHECKBOX;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CustomFieldType> fromWireName(String text) {
        for (var type : values()) {
            if (type.wireName().equalsIgnoreCase(text)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
