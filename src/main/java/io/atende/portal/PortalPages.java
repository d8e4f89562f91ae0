package io.atende.portal;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.customeraccess.PortalCustomer;
import io.atende.platform.AtendeException;
import io.atende.platform.Branding;
import io.atende.platform.CorrelationFilter;
import io.atende.platform.DatabaseOutages;
import io.atende.platform.ErrorPages;
import io.atende.platform.FormSignIn;
import io.atende.platform.NotFoundException;
import io.atende.platform.RefusalStatuses;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.ui.Model;
import org.springframework.validation.BindException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every portal page shares: the signed-in customer ({@code me}) and the account's name, logo
 * and colours ({@code brand}), and the pages for refusals no form handled in place (unknown ids and
 * other customers' tickets are 404, a malformed request 400, the database unreachable 503 "try
 * again", anything else 500 with the correlation id). It is also the portal's {@link ErrorPages},
 * for failures outside its handlers (unknown paths, filters).
 */
// Ahead of the API's global handler, which answers JSON.
@Order(Ordered.HIGHEST_PRECEDENCE)
@ControllerAdvice(assignableTypes = {PortalSignInController.class, PortalTicketsController.class, PortalChatController.class})
class PortalPages implements ErrorPages {

    private static final Logger log = LoggerFactory.getLogger(PortalPages.class);

    private final PortalAccounts accounts;
    private final CustomerPortalAccess access;
    private final MessageSource messages;

    PortalPages(PortalAccounts accounts, CustomerPortalAccess access, MessageSource messages) {
        this.accounts = accounts;
        this.access = access;
        this.messages = messages;
    }

    @ModelAttribute("me")
    PortalCustomer me(@AuthenticationPrincipal PortalCustomer me) {
        return me;
    }

    @ModelAttribute("brand")
    PortalBrand brand(@AuthenticationPrincipal PortalCustomer me, HttpServletRequest request) {
        try {
            var account = me != null ? accounts.get(me.accountId()) : accounts.resolve(request.getParameter("account"));
            return new PortalBrand(account.id(), account.name(), Branding.of(account.accentColor()), access.settings(account.id()).logoUrl());
        } catch (NotFoundException unknown) {
            return new PortalBrand(null, "Atende", Branding.of(null), null);
        }
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    String tooLarge(HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        layout(request, model);
        response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        model.addAttribute("status", HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        model.addAttribute("problem", messages.getMessage("portal.upload_too_large", null, locale));
        return request.getHeader("HX-Request") != null ? "portal/problem :: message" : "portal/problem";
    }

    @ExceptionHandler(AtendeException.class)
    String problem(AtendeException failure, HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        layout(request, model);
        int status = RefusalStatuses.status(failure);
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("problem", text(failure, locale));
        model.addAttribute("correlationId", CorrelationFilter.current());
        return request.getHeader("HX-Request") != null ? "portal/problem :: message" : "portal/problem";
    }

    /** A parameter's name or value with characters the firewall refuses (control characters). */
    @ExceptionHandler(RequestRejectedException.class)
    ModelAndView rejected(RequestRejectedException failure, HttpServletRequest request) {
        log.debug("Request rejected: {}", failure.getMessage());
        return page(request, 400, "request.rejected_characters");
    }

    @ExceptionHandler(TypeMismatchException.class)
    ModelAndView mismatched(TypeMismatchException failure, HttpServletRequest request) {
        String name = failure instanceof MethodArgumentTypeMismatchException argument ? argument.getName() : failure.getPropertyName();
        return page(request, 400, "parameter.invalid", name);
    }

    @ExceptionHandler(BindException.class)
    ModelAndView unbound(BindException failure, HttpServletRequest request) {
        var field = failure.getFieldError();
        return field != null ? page(request, 400, "parameter.invalid", field.getField()) : page(request, 400, "request.bad_request");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ModelAndView missing(MissingServletRequestParameterException failure, HttpServletRequest request) {
        return page(request, 400, "parameter.required", failure.getParameterName());
    }

    @ExceptionHandler({ServletRequestBindingException.class, HttpMessageNotReadableException.class, MultipartException.class})
    ModelAndView malformed(Exception failure, HttpServletRequest request) {
        return page(request, 400, "request.bad_request");
    }

    /** A live chat stream's browser went away: nobody is left to answer. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException failure) {
        log.debug("Client went away: {}", failure.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ModelAndView failed(Exception failure, HttpServletRequest request, HttpServletResponse response) {
        if (DatabaseOutages.isOutage(failure)) {
            log.warn("Database unreachable, answered 503: {}", failure.toString());
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseOutages.RETRY_AFTER_SECONDS));
            return page(request, 503, "error.unavailable", DatabaseOutages.RETRY_AFTER_SECONDS);
        }
        log.error("Unexpected failure", failure);
        return page(request, 500, "error.unexpected_with_id", CorrelationFilter.current());
    }

    @Override
    public boolean serves(String path) {
        return ErrorPages.under(path, "/portal");
    }

    @Override
    public ModelAndView page(HttpServletRequest request, int status, String messageKey, Object... arguments) {
        var view = new ModelAndView(request.getHeader("HX-Request") != null ? "portal/problem :: message" : "portal/problem");
        view.setStatus(HttpStatusCode.valueOf(status));
        boolean outage = status == 503;
        var me = outage ? null : signedIn(request);
        view.addObject("me", me);
        view.addObject("brand", outage ? new PortalBrand(null, "Atende", Branding.of(null), null) : safeBrand(me, request));
        view.addObject("status", status);
        view.addObject("problem", messages.getMessage(messageKey, arguments, messageKey, LocaleContextHolder.getLocale()));
        view.addObject("correlationId", CorrelationFilter.current());
        if (outage) {
            view.addObject("retry", true);
            // The CSRF token is kept in the session, which lives in the database: the page goes without it.
            view.addObject("_csrf", null);
        }
        return view;
    }

    /** The customer from the request, or from the session while the container renders an error. */
    private static PortalCustomer signedIn(HttpServletRequest request) {
        try {
            return CustomerSessions.FORM.signedIn(request).orElse(null);
        } catch (RuntimeException unreadable) {
            log.debug("No session for the error page: {}", unreadable.toString());
            return null;
        }
    }

    private PortalBrand safeBrand(PortalCustomer me, HttpServletRequest request) {
        try {
            return brand(me, request);
        } catch (RuntimeException unreadable) {
            return new PortalBrand(null, "Atende", Branding.of(null), null);
        }
    }

    /** Exception handlers get no model attributes of their own; the layout needs them. */
    private void layout(HttpServletRequest request, Model model) {
        var me = request.getUserPrincipal() instanceof FormSignIn.SignedIn<?> signedIn && signedIn.getPrincipal() instanceof PortalCustomer customer
                ? customer : null;
        model.addAttribute("me", me);
        model.addAttribute("brand", brand(me, request));
    }

    String text(AtendeException failure, Locale locale) {
        return messages.getMessage(failure.messageKey(), failure.arguments(), failure.messageKey(), locale);
    }

    /** The account as the portal's layout shows it. */
    record PortalBrand(String accountId, String accountName, Branding colors, String logoUrl) {
    }
}
