package io.atende.automation;

import java.util.Locale;

import io.atende.platform.AtendeException;

import org.springframework.context.MessageSource;

/** What a failing rule records: the refusal as an administrator reads it, in English (the log is the account's, not a request's). */
final class RuleFailures {

    static final int MAX_ERROR = 1000;

    private RuleFailures() {
    }

    static String describe(MessageSource messages, RuntimeException refused) {
        String text;
        if (refused instanceof AtendeException known) {
            text = messages.getMessage(known.messageKey(), known.arguments(), known.messageKey(), Locale.ENGLISH);
        } else {
            text = refused.getClass().getSimpleName() + (refused.getMessage() == null ? "" : ": " + refused.getMessage());
        }
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
    }
}
