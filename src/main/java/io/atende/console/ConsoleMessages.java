package io.atende.console;

import java.util.Locale;

import io.atende.platform.AtendeException;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Localized text of a refusal, for console pages that show it in place next to the form that
 * caused it (the field it concerns, when there is one, comes with it).
 */
@Component
public class ConsoleMessages {

    private final MessageSource messages;

    ConsoleMessages(MessageSource messages) {
        this.messages = messages;
    }

    /** The refusal's message in {@code locale}. */
    public String text(AtendeException failure, Locale locale) {
        return messages.getMessage(failure.messageKey(), failure.arguments(), failure.messageKey(), locale);
    }

    /** A console message by key, in {@code locale}. */
    public String text(String key, Locale locale, Object... arguments) {
        return messages.getMessage(key, arguments, key, locale);
    }
}
