package io.atende.console;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import io.atende.account.AccountManagement;
import io.atende.account.AccountView;
import io.atende.platform.Branding;
import io.atende.platform.CorrelationFilter;
import io.atende.platform.ErrorPages;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * The console's error page ({@code console/problem}) in the operator's language, with the request's
 * correlation id to quote; htmx requests get just the message, to swap into the page. While the
 * database is unreachable it says to try again, and the layout does without the account's name.
 */
@Component
class ConsoleErrorPages implements ErrorPages {

    private static final Logger log = LoggerFactory.getLogger(ConsoleErrorPages.class);

    private final AccountManagement accounts;
    private final MessageSource messages;

    ConsoleErrorPages(AccountManagement accounts, MessageSource messages) {
        this.accounts = accounts;
        this.messages = messages;
    }

    @Override
    public boolean serves(String path) {
        return ErrorPages.under(path, "/console");
    }

    @Override
    public ModelAndView page(HttpServletRequest request, int status, String messageKey, Object... arguments) {
        Locale locale = LocaleContextHolder.getLocale();
        var view = new ModelAndView(request.getHeader("HX-Request") != null ? "console/problem :: message" : "console/problem");
        view.setStatus(HttpStatusCode.valueOf(status));
        boolean outage = status == 503;
        var me = outage ? null : currentOperator(request);
        view.addObject("me", me);
        view.addObject("brand", brand(me, request));
        view.addObject("status", status);
        view.addObject("problem", messages.getMessage(messageKey, arguments, messageKey, locale));
        view.addObject("correlationId", CorrelationFilter.current());
        if (outage) {
            view.addObject("retry", true);
            // The CSRF token is kept in the session, which lives in the database: the page goes without it.
            view.addObject("_csrf", null);
        }
        return view;
    }

    /** The operator from the security context, or from the session while the container renders an error. */
    private static ConsoleOperator currentOperator(HttpServletRequest request) {
        try {
            return OperatorSessions.FORM.signedIn(request).orElse(null);
        } catch (RuntimeException unreadable) {
            log.debug("No session for the error page: {}", unreadable.toString());
            return null;
        }
    }

    private ConsolePages.ConsoleBrand brand(ConsoleOperator me, HttpServletRequest request) {
        if (me == null) {
            return new ConsolePages.ConsoleBrand("Atende", Branding.of(null));
        }
        try {
            var account = request.getAttribute(OperatorSessions.ACCOUNT_ATTRIBUTE) instanceof AccountView read
                    ? read : accounts.get(me.accountId());
            return new ConsolePages.ConsoleBrand(account.name(), Branding.of(account.accentColor()));
        } catch (RuntimeException unreadable) {
            return new ConsolePages.ConsoleBrand("Atende", Branding.of(null));
        }
    }
}
