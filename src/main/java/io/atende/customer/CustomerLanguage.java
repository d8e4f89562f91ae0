package io.atende.customer;

import java.util.Locale;
import java.util.Optional;

/** The language a customer is written to in. */
public enum CustomerLanguage {
    PT_BR(Locale.forLanguageTag("pt-BR")), ES_ES(Locale.forLanguageTag("es-ES")), EN_US(Locale.forLanguageTag("en-US"));

    private final Locale locale;

    CustomerLanguage(Locale locale) {
        this.locale = locale;
    }

    /** The locale messages to the customer are written in. */
    public Locale locale() {
        return locale;
    }

    /**
     * The language a caller meant: any case, {@code _} or {@code -} as separator, and the bare
     * language ({@code pt}, {@code es}, {@code en}). Empty for anything else.
     */
    public static Optional<CustomerLanguage> fromText(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.strip().toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "pt-br", "pt" -> Optional.of(PT_BR);
            case "es-es", "es" -> Optional.of(ES_ES);
            case "en-us", "en" -> Optional.of(EN_US);
            default -> Optional.empty();
        };
    }
}
