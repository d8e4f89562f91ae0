package io.atende.console;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atende.account.AccountManagement;
import io.atende.account.AccountView;
import io.atende.operator.OperatorManagement;
import io.atende.platform.AtendeException;
import io.atende.platform.Branding;
import io.atende.platform.CorrelationFilter;
import io.atende.platform.ErrorPages;
import io.atende.platform.PageFailures;
import io.atende.platform.RefusalStatuses;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every console page shares: the signed-in operator ({@code me}) and the account's name and
 * colours ({@code brand}) for the layout, and the pages for refusals no form handled in place
 * (unknown or another account's ids are 404, like the API), for a client's malformed request (400)
 * and for failures (503 while the database is unreachable, else 500 with the correlation id).
 */
// Ahead of the API's global handler, which answers JSON; behind the desk's own (DeskUploads).
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
@ControllerAdvice(basePackages = "io.atende.console")
class ConsolePages extends PageFailures {

    private final AccountManagement accounts;
    private final MessageSource messages;
    private final ConsoleErrorPages errorPages;
    private final OperatorManagement operators;

    ConsolePages(AccountManagement accounts, MessageSource messages, ConsoleErrorPages errorPages, OperatorManagement operators) {
        this.operators = operators;
        this.accounts = accounts;
        this.messages = messages;
        this.errorPages = errorPages;
    }

    @Override
    protected ErrorPages pages() {
        return errorPages;
    }

    @ModelAttribute("me")
    ConsoleOperator me(@AuthenticationPrincipal ConsoleOperator me) {
        return me;
    }

    /** The operator's availability for the header's switch; not read for htmx fragments, which show no header. */
    @ModelAttribute("availability")
    String availability(@AuthenticationPrincipal ConsoleOperator me, HttpServletRequest request) {
        if (me == null || request.getHeader("HX-Request") != null) {
            return null;
        }
        return operators.availability(me.accountId(), me.operatorId()).name();
    }

    @ModelAttribute("brand")
    ConsoleBrand brand(@AuthenticationPrincipal ConsoleOperator me, HttpServletRequest request) {
        if (me == null) {
            return new ConsoleBrand("Atende", Branding.of(null));
        }
        // Reloading the operator (OperatorSessions) has read the account for this request already.
        var account = request.getAttribute(OperatorSessions.ACCOUNT_ATTRIBUTE) instanceof AccountView read
                ? read : accounts.get(me.accountId());
        return new ConsoleBrand(account.name(), Branding.of(account.accentColor()));
    }

    @ExceptionHandler(AtendeException.class)
    String problem(AtendeException failure, HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        int status = RefusalStatuses.status(failure);
        response.setStatus(status);
        // Exception handlers get a fresh model, without the @ModelAttribute values the layout reads.
        var me = currentOperator();
        model.addAttribute("me", me);
        model.addAttribute("brand", brand(me, request));
        model.addAttribute("status", status);
        model.addAttribute("problem", messages.getMessage(failure.messageKey(), failure.arguments(), failure.messageKey(), locale));
        model.addAttribute("correlationId", CorrelationFilter.current());
        // htmx swaps the answer into the page: send just the message, not a whole page inside a page.
        return request.getHeader("HX-Request") != null ? "console/problem :: message" : "console/problem";
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ModelAndView tooLarge(MaxUploadSizeExceededException failure, HttpServletRequest request) {
        return errorPages.page(request, 413, "request.too_large");
    }

    private static ConsoleOperator currentOperator() {
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof ConsoleOperator operator ? operator : null;
    }

    /** The account as the console's layout shows it. */
    record ConsoleBrand(String accountName, Branding colors) {
    }
}
