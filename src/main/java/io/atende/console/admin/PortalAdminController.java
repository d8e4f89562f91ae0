package io.atende.console.admin;

import java.util.Arrays;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.platform.AtendeException;
import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.customeraccess.PortalSettings;
import io.atende.customeraccess.WidgetIdentity;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The customer portal and chat widget settings: self-registration, the sites the widget may run on, the logo, the widget's embed code. */
@Controller
class PortalAdminController {

    private final CustomerPortalAccess portal;
    private final ConsoleMessages messages;
    private final WidgetIdentity identity;
    private final WidgetEmbed widgetEmbed;

    PortalAdminController(CustomerPortalAccess portal, ConsoleMessages messages, WidgetIdentity identity, WidgetEmbed widgetEmbed) {
        this.portal = portal;
        this.messages = messages;
        this.identity = identity;
        this.widgetEmbed = widgetEmbed;
    }

    @GetMapping("/console/admin/portal")
    String settings(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "department", required = false) String department,
                    Model model) {
        var settings = portal.settings(me.accountId());
        model.addAttribute("embed", widgetEmbed.of(me.accountId(), department));
        return page(me, model, settings.selfRegistration(), String.join("\n", settings.allowedSites()), settings.logoUrl());
    }

    @PostMapping("/console/admin/portal")
    String save(@AuthenticationPrincipal ConsoleOperator me,
                @RequestParam(name = "self_registration", defaultValue = "false") boolean selfRegistration,
                @RequestParam(name = "allowed_sites", defaultValue = "") String allowedSites,
                @RequestParam(name = "logo_url", required = false) String logoUrl,
                Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        var sites = Arrays.stream(allowedSites.split("[\\s,]+")).map(String::strip).filter(site -> !site.isEmpty()).toList();
        try {
            portal.updateSettings(me.accountId(), new PortalSettings(selfRegistration, sites, logoUrl));
        } catch (AtendeException refused) {
            FormError.show(refused, "settings", messages, locale, model, response);
            return page(me, model, selfRegistration, allowedSites, logoUrl);
        }
        redirect.addFlashAttribute("notice", "admin.portal.saved");
        return "redirect:/console/admin/portal";
    }

    /** A new identity verification secret: the website's backend signs visitors' e-mail addresses with it. */
    @PostMapping("/console/admin/portal/identity-secret")
    String regenerateIdentitySecret(@AuthenticationPrincipal ConsoleOperator me, RedirectAttributes redirect) {
        identity.regenerate(me.accountId());
        redirect.addFlashAttribute("notice", "admin.portal.identity.regenerated");
        return "redirect:/console/admin/portal#identity";
    }

    private String page(ConsoleOperator me, Model model, boolean selfRegistration, String allowedSites, String logoUrl) {
        model.addAttribute("section", "admin");
        model.addAttribute("selfRegistration", selfRegistration);
        model.addAttribute("allowedSites", allowedSites);
        model.addAttribute("logoUrl", logoUrl);
        model.addAttribute("accountId", me.accountId());
        model.addAttribute("identitySecret", identity.secret(me.accountId()).orElse(null));
        if (!model.containsAttribute("embed")) {
            model.addAttribute("embed", widgetEmbed.of(me.accountId(), null));
        }
        return "console/admin/portal";
    }
}
