package io.atende.console;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atende.account.AccountManagement;
import io.atende.account.AccountView;
import io.atende.platform.AtendeException;
import io.atende.platform.Branding;
import io.atende.platform.CorrelationFilter;
import io.atende.platform.DatabaseOutages;
import io.atende.platform.RefusalStatuses;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.BindException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
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
class ConsolePages {

    private static final Logger log = LoggerFactory.getLogger(ConsolePages.class);

    private final AccountManagement accounts;
    private final MessageSource messages;
    private final ConsoleErrorPages errorPages;

    ConsolePages(AccountManagement accounts, MessageSource messages, ConsoleErrorPages errorPages) {
        this.accounts = accounts;
        this.messages = messages;
        this.errorPages = errorPages;
    }

    @ModelAttribute("me")
    ConsoleOperator me(@AuthenticationPrincipal ConsoleOperator me) {
        return me;
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

    /** A parameter's name or value with characters the firewall refuses (control characters). */
    @ExceptionHandler(RequestRejectedException.class)
    ModelAndView rejected(RequestRejectedException failure, HttpServletRequest request) {
        log.debug("Request rejected: {}", failure.getMessage());
        return errorPages.page(request, 400, "request.rejected_characters");
    }

    /** {@code page=abc}, {@code page=2147483648}, {@code active=maybe}: the parameter is named. */
    @ExceptionHandler(TypeMismatchException.class)
    ModelAndView mismatched(TypeMismatchException failure, HttpServletRequest request) {
        String name = failure instanceof MethodArgumentTypeMismatchException argument
                ? argument.getName() : failure.getPropertyName();
        return errorPages.page(request, 400, "parameter.invalid", name);
    }

    @ExceptionHandler(BindException.class)
    ModelAndView unbound(BindException failure, HttpServletRequest request) {
        var field = failure.getFieldError();
        return field != null ? errorPages.page(request, 400, "parameter.invalid", field.getField())
                : errorPages.page(request, 400, "request.bad_request");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ModelAndView missing(MissingServletRequestParameterException failure, HttpServletRequest request) {
        return errorPages.page(request, 400, "parameter.required", failure.getParameterName());
    }

    @ExceptionHandler({ServletRequestBindingException.class, HttpMessageNotReadableException.class})
    ModelAndView malformed(Exception failure, HttpServletRequest request) {
        return errorPages.page(request, 400, "request.bad_request");
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ModelAndView tooLarge(MaxUploadSizeExceededException failure, HttpServletRequest request) {
        return errorPages.page(request, 413, "request.too_large");
    }

    @ExceptionHandler(MultipartException.class)
    ModelAndView malformedMultipart(MultipartException failure, HttpServletRequest request) {
        return errorPages.page(request, 400, "request.malformed_multipart");
    }

    /** A live update stream's browser went away: nobody is left to answer. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException failure) {
        log.debug("Client went away: {}", failure.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ModelAndView failed(Exception failure, HttpServletRequest request, HttpServletResponse response) {
        if (DatabaseOutages.isOutage(failure)) {
            log.warn("Database unreachable, answered 503: {}", failure.toString());
            ConsoleErrorPages.retryAfter(response);
            return errorPages.page(request, 503, "error.unavailable", DatabaseOutages.RETRY_AFTER_SECONDS);
        }
        log.error("Unexpected failure", failure);
        return errorPages.page(request, 500, "error.unexpected_with_id", CorrelationFilter.current());
    }

    private static ConsoleOperator currentOperator() {
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof ConsoleOperator operator ? operator : null;
    }

    /** The account as the console's layout shows it. */
    record ConsoleBrand(String accountName, Branding colors) {
    }
}
