package io.atende.portal;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atende.platform.AtendeException;
import io.atende.platform.Branding;
import io.atende.platform.NotFoundException;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * What every portal page shares: the signed-in customer ({@code me}) and the account's name, logo
 * and colours ({@code brand}), and the pages for refusals no form handled in place (unknown ids and
 * other customers' tickets are 404).
 */
// Ahead of the API's global handler, which answers JSON.
@Order(Ordered.HIGHEST_PRECEDENCE)
@ControllerAdvice(assignableTypes = {PortalSignInController.class, PortalTicketsController.class, PortalChatController.class})
class PortalPages {

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
        int status = failure.status();
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("problem", text(failure, locale));
        return request.getHeader("HX-Request") != null ? "portal/problem :: message" : "portal/problem";
    }

    /** Exception handlers get no model attributes of their own; the layout needs them. */
    private void layout(HttpServletRequest request, Model model) {
        var me = request.getUserPrincipal() instanceof CustomerAuthentication.SignedIn signedIn ? signedIn.getPrincipal() : null;
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
