package io.atende.portal;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.customeraccess.PortalCustomer;
import io.atende.platform.AtendeException;
import io.atende.platform.Branding;
import io.atende.platform.CorrelationFilter;
import io.atende.platform.ErrorPages;
import io.atende.platform.FormSignIn;
import io.atende.platform.NotFoundException;
import io.atende.platform.PageFailures;
import io.atende.platform.RefusalStatuses;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
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
@ControllerAdvice(assignableTypes = {PortalSignInController.class, PortalTicketsController.class, PortalChatController.class,
        PortalMailLinksController.class, PortalTwoFactorController.class})
class PortalPages extends PageFailures implements ErrorPages {

    private static final Logger log = LoggerFactory.getLogger(PortalPages.class);

    private final PortalAccounts accounts;
    private final CustomerPortalAccess access;
    private final MessageSource messages;

    PortalPages(PortalAccounts accounts, CustomerPortalAccess access, MessageSource messages) {
        this.accounts = accounts;
        this.access = access;
        this.messages = messages;
    }

    @Override
    protected ErrorPages pages() {
        return this;
    }

    /** Customers get the plain message: the details of a multipart body mean nothing to them. */
    @Override
    protected String malformedMultipartMessage() {
        return "request.bad_request";
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
