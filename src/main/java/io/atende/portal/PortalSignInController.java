package io.atende.portal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.customeraccess.PortalCustomer;
import io.atende.mail.MailManagement;
import io.atende.platform.InvalidInputException;
import io.atende.platform.RequestLocales;
import io.atende.platform.RuleViolationException;

import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The portal's doors: sign-in, setting a password from a link, "forgot password" and self-registration. */
@Controller
class PortalSignInController {

    /** Where the password link's token waits, out of the page's address, until the form is sent. */
    static final String LINK_TOKEN_ATTRIBUTE = "ATENDE_PORTAL_LINK_TOKEN";

    private final CustomerPortalAccess access;
    private final PortalAccounts accounts;
    private final MessageSource messages;
    // Without e-mail sending no link can reach anyone.
    private final MailManagement mail;

    PortalSignInController(CustomerPortalAccess access, PortalAccounts accounts, MessageSource messages,
                           MailManagement mail) {
        this.access = access;
        this.accounts = accounts;
        this.messages = messages;
        this.mail = mail;
    }

    @GetMapping({"/portal", "/portal/"})
    String home() {
        return "redirect:/portal/tickets";
    }

    @GetMapping(CustomerSessions.SIGN_IN)
    String signIn(@AuthenticationPrincipal PortalCustomer me, @RequestParam(required = false) String account,
                  HttpServletRequest request, Model model) {
        // A new sign-in starts over: a code step that waited is gone.
        PendingCustomerSignIn.forget(request);
        if (me != null) {
            return "redirect:/portal/tickets";
        }
        var site = accounts.resolve(account);
        defaultLanguage(request);
        model.addAttribute("account", site.id());
        model.addAttribute("registration", access.settings(site.id()).selfRegistration());
        return "portal/sign-in";
    }

    @GetMapping("/portal/password")
    String passwordForm(@RequestParam(required = false) String account, @RequestParam(required = false) String token,
                        HttpServletRequest request, HttpServletResponse response, Model model) {
        var site = accounts.resolve(account);
        if (token != null && access.isLinkValid(site.id(), token)) {
            // The link's secret moves into the session and the page shows at an address without it, so that no
            // later request (a link followed from the page) carries it in its Referer, and no history keeps it.
            request.getSession().setAttribute(LINK_TOKEN_ATTRIBUTE, token);
            return "redirect:/portal/password?account=" + URLEncoder.encode(site.id(), StandardCharsets.UTF_8);
        }
        if (token == null) {
            var session = request.getSession(false);
            token = session == null ? null : (String) session.getAttribute(LINK_TOKEN_ATTRIBUTE);
        }
        defaultLanguage(request);
        model.addAttribute("account", site.id());
        model.addAttribute("token", token);
        if (!access.isLinkValid(site.id(), token)) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("linkInvalid", true);
        }
        return "portal/password";
    }

    @PostMapping("/portal/password")
    String setPassword(@RequestParam(required = false) String account, @RequestParam(required = false) String token,
                       @RequestParam(required = false) String password,
                       @RequestParam(name = "password_again", required = false) String again,
                       HttpServletRequest request, HttpServletResponse response, Model model, Locale locale,
                       RedirectAttributes redirect) {
        var site = accounts.resolve(account);
        try {
            if (password != null && !password.equals(again)) {
                throw new InvalidInputException("password_again", "portal.passwords_differ");
            }
            CustomerSessions.signInHere(request, access.setPassword(site.id(), token, password));
        } catch (InvalidInputException refused) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("account", site.id());
            model.addAttribute("token", token);
            model.addAttribute("linkInvalid", "token".equals(refused.parameter()));
            model.addAttribute("error", text(refused.messageKey(), refused.arguments(), locale));
            model.addAttribute("errorField", refused.parameter());
            return "portal/password";
        }
        redirect.addFlashAttribute("notice", "portal.sign_in.password_set");
        return "redirect:/portal/tickets";
    }

    @GetMapping("/portal/forgot")
    String forgotForm(@RequestParam(required = false) String account, HttpServletRequest request, Model model) {
        model.addAttribute("account", accounts.resolve(account).id());
        model.addAttribute("mailOff", !mail.sendingConfigured());
        defaultLanguage(request);
        return "portal/forgot";
    }

    @PostMapping("/portal/forgot")
    String forgot(@RequestParam(required = false) String account, @RequestParam(required = false) String email,
                  HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        var site = accounts.resolve(account);
        model.addAttribute("account", site.id());
        model.addAttribute("email", email);
        if (!mail.sendingConfigured()) {
            // Pretending to send would leave the customer waiting for a message that never comes.
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("mailOff", true);
            return "portal/forgot";
        }
        model.addAttribute("mailOff", false);
        try {
            access.requestReset(site.id(), email);
        } catch (InvalidInputException refused) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", text(refused.messageKey(), refused.arguments(), locale));
            return "portal/forgot";
        }
        model.addAttribute("sent", true);
        return "portal/forgot";
    }

    @GetMapping("/portal/register")
    String registerForm(@RequestParam(required = false) String account, HttpServletRequest request, Model model) {
        var site = accounts.resolve(account);
        defaultLanguage(request);
        model.addAttribute("account", site.id());
        // A visitor who followed a link here gets a page saying how to get in, not an error.
        model.addAttribute("closed", !access.settings(site.id()).selfRegistration());
        return "portal/register";
    }

    @PostMapping("/portal/register")
    String register(@RequestParam(required = false) String account, @RequestParam(required = false) String name,
                    @RequestParam(required = false) String email, HttpServletResponse response, Model model, Locale locale) {
        var site = accounts.resolve(account);
        model.addAttribute("account", site.id());
        model.addAttribute("name", name);
        model.addAttribute("email", email);
        try {
            access.register(site.id(), name, email, locale);
        } catch (RuleViolationException closed) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("closed", true);
            return "portal/register";
        } catch (InvalidInputException refused) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", text(refused.messageKey(), refused.arguments(), locale));
            model.addAttribute("errorField", refused.parameter());
            return "portal/register";
        }
        model.addAttribute("sent", true);
        return "portal/register";
    }

    private String text(String key, Object[] arguments, Locale locale) {
        return messages.getMessage(key, arguments, key, locale);
    }

    /** Before anyone signs in, the browser's language, else the installation's default (Portuguese). */
    private static void defaultLanguage(HttpServletRequest request) {
        if (request.getHeader("Accept-Language") == null) {
            RequestLocales.use(request, RequestLocales.PORTUGUESE);
        }
    }
}
