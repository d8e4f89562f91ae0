package io.atende.customfield;

import java.util.Locale;
import java.util.Optional;

/** What a custom field describes: a ticket when opened, a ticket when finished, a customer, an evaluation. */
public enum CustomFieldEntity {
    TICKET, TICKET_FINISH, CUSTOMER, EVALUATION;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CustomFieldEntity> fromWireName(String text) {
        for (var entity : values()) {
            if (entity.wireName().equalsIgnoreCase(text)) {
                return Optional.of(entity);
            }
        }
        return Optional.empty();
    }
}
