package io.atende.customer;

import java.util.Locale;
import java.util.Optional;

/** The language a customer is written to in, with TomTicket's spelling of each. */
public enum CustomerLanguage {
    PT_BR("pt-BR"), ES_ES("es_ES"), EN_US("en-US");

    private final String code;

    CustomerLanguage(String code) {
        this.code = code;
    }

    /** The code as stored and shown: {@code pt-BR}, {@code es_ES} or {@code en-US}. */
    public String code() {
        return code;
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

    static CustomerLanguage fromCode(String code) {
        for (var language : values()) {
            if (language.code.equals(code)) {
                return language;
            }
        }
        throw new IllegalStateException("unknown stored language " + code);
    }
}
