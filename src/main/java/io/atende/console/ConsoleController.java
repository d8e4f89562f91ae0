package io.atende.console;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atende.account.AccountManagement;
import io.atende.automation.Placeholders;
import io.atende.console.tickets.OperatorHome;
import io.atende.operator.OperatorSignatures;
import io.atende.operator.Availability;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorSignIn;
import io.atende.operator.OperatorTwoFactor;
import io.atende.platform.InvalidInputException;
import io.atende.platform.RequestLocales;
import io.atende.platform.RuleViolationException;
import io.atende.sso.SingleSignOn;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Sign-in, the start page and the operator's own profile (password, language and two-factor sign-in). */
@Controller
class ConsoleController {

    static final String TOO_LARGE = "/console/too-large";

    private final OperatorSignIn signIn;
    private final OperatorTwoFactor twoFactor;
    private final AccountManagement accounts;
    private final ConsoleMessages messages;
    private final OperatorManagement operators;
    private final SingleSignOn singleSignOn;
    private final OperatorSignatures signatures;
    private final OperatorHome home;
    private final ConsoleVisibility visibility;

    ConsoleController(OperatorSignIn signIn, OperatorTwoFactor twoFactor, AccountManagement accounts, ConsoleMessages messages,
                      OperatorManagement operators, SingleSignOn singleSignOn, OperatorSignatures signatures, OperatorHome home,
                      ConsoleVisibility visibility) {
        this.visibility = visibility;
        this.signatures = signatures;
        this.home = home;
        this.singleSignOn = singleSignOn;
        this.operators = operators;
        this.signIn = signIn;
        this.twoFactor = twoFactor;
        this.accounts = accounts;
        this.messages = messages;
    }

    @GetMapping(OperatorSessions.SIGN_IN)
    String signIn(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "account", required = false) String account,
                  Model model, HttpServletRequest request) {
        // A new sign-in starts over: whatever second step waited is gone.
        PendingSignIn.forget(request);
        if (me != null) {
            return "redirect:/console";
        }
        if (request.getHeader("Accept-Language") == null) {
            // Nobody signed in yet: the installation's default language.
            RequestLocales.use(request, RequestLocales.PORTUGUESE);
        }
        // An account's own sign-in page offers its identity provider; the password form only if the account keeps it
        // (or an admin asks for it: ?password, the way back in when the provider fails).
        var offer = singleSignOn.offer(account).orElse(null);
        model.addAttribute("sso", offer);
        model.addAttribute("passwordForm", offer == null || offer.passwordSignIn() || request.getParameter("password") != null);
        return "console/sign-in";
    }

    @GetMapping("/console")
    String home(@AuthenticationPrincipal ConsoleOperator me, Model model) {
        model.addAttribute("home", home.of(me.accountId(), me.operatorId(), me.locale(), visibility.of(me)));
        return "console/home";
    }

    @GetMapping("/console/profile")
    String profile(@AuthenticationPrincipal ConsoleOperator me, Model model) {
        model.addAttribute("languages", OperatorSignIn.LANGUAGES.stream().sorted().toList());
        model.addAttribute("twoFactor", twoFactor.status(me.accountId(), me.operatorId()));
        if (!model.containsAttribute("signature")) {
            model.addAttribute("signature", signatures.get(me.accountId(), me.operatorId()));
        }
        model.addAttribute("placeholders", Placeholders.NAMES.stream().map(name -> "{{" + name + "}}").toList());
        return "console/profile";
    }

    /**
     * The signature appended to the operator's replies (not to internal comments), formatted, with the macros'
     * placeholders; a refusal (too long, an unknown placeholder) keeps what was typed.
     */
    @PostMapping("/console/profile/signature")
    String changeSignature(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "signature", required = false) String signature,
                           Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            Placeholders.check("signature", signature);
            signatures.change(me.accountId(), me.operatorId(), signature);
        } catch (InvalidInputException refused) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("signatureError", messages.text(refused, locale));
            model.addAttribute("signature", signature == null ? "" : signature);
            return profile(me, model);
        }
        redirect.addFlashAttribute("notice", "console.profile.signature_saved");
        return "redirect:/console/profile#signature-heading";
    }

    @PostMapping("/console/profile/password")
    String changePassword(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "current_password", required = false) String current,
                          @RequestParam(name = "password", required = false) String password,
                          @RequestParam(name = "password_again", required = false) String again,
                          Model model, Locale locale, HttpServletRequest request, HttpServletResponse response,
                          RedirectAttributes redirect) {
        try {
            if (password == null || !password.equals(again)) {
                throw new InvalidInputException("password_again", "console.profile.passwords_differ");
            }
            int credentialsVersion = signIn.changePassword(me.accountId(), me.operatorId(), current, password);
            OperatorSessions.FORM.stayedSignedIn(request, credentialsVersion);
        } catch (InvalidInputException refused) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("passwordError", messages.text(refused, locale));
            model.addAttribute("passwordErrorField", refused.parameter());
            return profile(me, model);
        }
        redirect.addFlashAttribute("notice", "console.profile.password_changed");
        return "redirect:/console/profile";
    }

    @PostMapping("/console/profile/language")
    String chooseLanguage(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "language", required = false) String language,
                          RedirectAttributes redirect) {
        signIn.chooseLanguage(me.accountId(), me.operatorId(), language == null || language.isBlank() ? null : language);
        redirect.addFlashAttribute("notice", "console.profile.language_changed");
        return "redirect:/console/profile";
    }

    /**
     * The operator's own availability (the header's switch): automatic assignment gives tickets only to operators
     * online. Back to the page the switch was on.
     */
    @PostMapping("/console/availability")
    String setAvailability(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "availability", required = false) String availability,
                           HttpServletRequest request, RedirectAttributes redirect) {
        Availability chosen = null;
        for (var candidate : Availability.values()) {
            if (candidate.name().equalsIgnoreCase(availability == null ? "" : availability.strip())) {
                chosen = candidate;
            }
        }
        if (chosen == null) {
            throw new InvalidInputException("availability", "operator.availability_required");
        }
        operators.setAvailability(me.accountId(), me.operatorId(), chosen);
        redirect.addFlashAttribute("notice", "console.availability.changed");
        return "redirect:" + backTo(request);
    }

    // Only a console page of this server: the Referer is the client's to forge.
    private static String backTo(HttpServletRequest request) {
        String referer = request.getHeader("Referer");
        if (referer != null) {
            try {
                var uri = java.net.URI.create(referer);
                String path = uri.getRawPath();
                if (path != null && path.startsWith("/console") && !path.startsWith("//")) {
                    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
                }
            } catch (IllegalArgumentException malformed) {
                return "/console";
            }
        }
        return "/console";
    }

    /** Starts an enrolment with a new secret, shown on the next page until its first code confirms it. */
    @PostMapping("/console/profile/two-factor")
    String startTwoFactor(@AuthenticationPrincipal ConsoleOperator me, RedirectAttributes redirect) {
        try {
            twoFactor.startEnrolment(me.accountId(), me.operatorId());
        } catch (RuleViolationException alreadyOn) {
            redirect.addFlashAttribute("notice", "console.two_factor.enabled");
            return "redirect:/console/profile";
        }
        return "redirect:/console/profile/two-factor";
    }

    @GetMapping("/console/profile/two-factor")
    String twoFactorEnrolment(@AuthenticationPrincipal ConsoleOperator me, Model model, Locale locale, HttpServletResponse response) {
        var enrolment = twoFactor.enrolment(me.accountId(), me.operatorId()).orElse(null);
        if (enrolment == null) {
            return "redirect:/console/profile";
        }
        return EnrolmentPage.show(model, response, enrolment, accounts.get(me.accountId()).name(), "/console/profile/two-factor/confirm",
                "/console/profile", messages.text("console.two_factor.enrol_qr", locale));
    }

    /** The first code turns two-factor sign-in on; the answer shows the recovery codes, this once. */
    @PostMapping("/console/profile/two-factor/confirm")
    String confirmTwoFactor(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "code", required = false) String code,
                            Model model, Locale locale, HttpServletResponse response) {
        java.util.List<String> codes;
        try {
            codes = twoFactor.confirmEnrolment(me.accountId(), me.operatorId(), code);
        } catch (InvalidInputException wrong) {
            model.addAttribute("codeError", messages.text(wrong, locale));
            String page = twoFactorEnrolment(me, model, locale, response);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page;
        } catch (RuleViolationException noEnrolment) {
            return "redirect:/console/profile";
        }
        return EnrolmentPage.recoveryCodes(model, response, codes, "/console/profile");
    }

    @PostMapping("/console/profile/two-factor/disable")
    String disableTwoFactor(@AuthenticationPrincipal ConsoleOperator me,
                            @RequestParam(name = "confirmation", required = false) String confirmation,
                            Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            twoFactor.disable(me.accountId(), me.operatorId(), confirmation);
        } catch (InvalidInputException | RuleViolationException refused) {
            response.setStatus(refused instanceof InvalidInputException ? HttpServletResponse.SC_BAD_REQUEST : HttpServletResponse.SC_CONFLICT);
            model.addAttribute("twoFactorError", messages.text(refused, locale));
            return profile(me, model);
        }
        redirect.addFlashAttribute("notice", "console.two_factor.disabled");
        return "redirect:/console/profile";
    }

    /** New recovery codes for the operator's own two-factor sign-in (the old ones stop working), shown this once. */
    @PostMapping("/console/profile/two-factor/recovery-codes")
    String renewRecoveryCodes(@AuthenticationPrincipal ConsoleOperator me,
                              @RequestParam(name = "confirmation", required = false) String confirmation,
                              Model model, Locale locale, HttpServletResponse response) {
        List<String> codes;
        try {
            codes = twoFactor.renewRecoveryCodes(me.accountId(), me.operatorId(), confirmation);
        } catch (InvalidInputException | RuleViolationException refused) {
            response.setStatus(refused instanceof InvalidInputException ? HttpServletResponse.SC_BAD_REQUEST : HttpServletResponse.SC_CONFLICT);
            // A wrong confirmation is shown by its field; two-factor sign-in being off, at the top of the section.
            model.addAttribute(refused instanceof InvalidInputException ? "recoveryCodesError" : "twoFactorError", messages.text(refused, locale));
            return profile(me, model);
        }
        return EnrolmentPage.recoveryCodes(model, response, codes, "/console/profile");
    }

    /** Where {@link io.atende.platform.OversizedForms} forwards a form posted without JavaScript whose body is over 25 MB. */
    @RequestMapping(TOO_LARGE)
    String tooLarge(HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        model.addAttribute("status", HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        model.addAttribute("problemKey", "request.too_large");
        return "console/problem";
    }

    /** Where Spring Security forwards a request the operator's role does not allow. */
    @RequestMapping("/console/forbidden")
    String forbidden(HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        model.addAttribute("status", HttpServletResponse.SC_FORBIDDEN);
        model.addAttribute("problemKey", "console.forbidden");
        return "console/problem";
    }
}
