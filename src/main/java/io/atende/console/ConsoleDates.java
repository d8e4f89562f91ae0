package io.atende.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.atende.account.AccountManagement;
import io.atende.account.AccountView;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The one way the console writes a time: the pattern of the page's language ({@code desk.datetime} in the
 * desk bundle) in the account's time zone. Pages call it as
 * {@code ${@consoleDates.dateTime(instant)}}; the zone is the signed-in operator's account.
 */
@Component("consoleDates")
public class ConsoleDates {

    private final MessageSource messages;
    private final AccountManagement accounts;

    ConsoleDates(MessageSource messages, AccountManagement accounts) {
        this.messages = messages;
        this.accounts = accounts;
    }

    /** Date and time (to the minute) in the page's language and the account's zone; empty for none. */
    public String dateTime(Instant instant) {
        return dateTime(instant, zone(), LocaleContextHolder.getLocale());
    }

    /** The same date and time with seconds, for logs of attempts where seconds tell them apart. */
    public String dateTimeSeconds(Instant instant) {
        return format(instant, "desk.datetime", ":ss", zone(), LocaleContextHolder.getLocale());
    }

    /** Date and time in the given zone and language, for what is written outside a console request. */
    public String dateTime(Instant instant, ZoneId zone, Locale locale) {
        return format(instant, "desk.datetime", "", zone, locale);
    }

    /** The account's time zone, read once per request (the console's filter has read the account already). */
    public ZoneId zone() {
        var request = RequestContextHolder.getRequestAttributes();
        if (request != null && request.getAttribute(OperatorSessions.ACCOUNT_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST)
                instanceof AccountView account) {
            return account.timeZone();
        }
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof ConsoleOperator operator) {
            var account = accounts.get(operator.accountId());
            if (request != null) {
                request.setAttribute(OperatorSessions.ACCOUNT_ATTRIBUTE, account, RequestAttributes.SCOPE_REQUEST);
            }
            return account.timeZone();
        }
        return ZoneOffset.UTC;
    }

    private String format(Instant instant, String patternKey, String suffix, ZoneId zone, Locale locale) {
        if (instant == null) {
            return "";
        }
        String pattern = messages.getMessage(patternKey, null, locale) + suffix;
        return DateTimeFormatter.ofPattern(pattern, locale).withZone(zone).format(instant);
    }
}
