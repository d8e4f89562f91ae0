package io.atende.api.v2;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Message texts in the caller's language (Accept-Language: en by default, pt-BR, es). */
@Component
class ApiMessages {

    private final MessageSource messages;

    ApiMessages(MessageSource messages) {
        this.messages = messages;
    }

    String get(String key, Object... arguments) {
        Locale locale = LocaleContextHolder.getLocale();
        try {
            return messages.getMessage(key, arguments, locale);
        } catch (NoSuchMessageException missing) {
            return messages.getMessage("error.unexpected", null, "Unexpected error.", locale);
        }
    }
}
