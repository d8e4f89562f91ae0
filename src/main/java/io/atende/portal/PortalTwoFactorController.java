package io.atende.portal;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atende.customeraccess.CustomerTwoFactor;
import io.atende.customeraccess.PortalCustomer;
import io.atende.customeraccess.SignedInCustomer;
import io.atende.platform.AtendeException;
import io.atende.platform.InvalidInputException;
import io.atende.platform.RuleViolationException;
import io.atende.platform.SignInFailure;
import io.atende.platform.SignInRefusedException;
import io.atende.platform.SignInSuccess;
import io.atende.platform.TwoFactorEnrolment;
import io.atende.platform.TwoFactorPages;

import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A portal customer's optional two-factor sign-in: the account page that turns it on (QR code, first code, recovery
 * codes shown once) and off, and the code step of a sign-in ({@link PendingCustomerSignIn}).
 */
@Controller
class PortalTwoFactorController {

    static final String ACCOUNT_PAGE = "/portal/account";
    private static final String ENROL_PAGE = ACCOUNT_PAGE + "/two-factor";

    private final CustomerTwoFactor twoFactor;
    private final PortalAccounts accounts;
    private final MessageSource messages;
    private final Clock clock;
    private final SignInSuccess success = new SignInSuccess("/portal/tickets");

    PortalTwoFactorController(CustomerTwoFactor twoFactor, PortalAccounts accounts, MessageSource messages, Clock clock) {
        this.twoFactor = twoFactor;
        this.accounts = accounts;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping(PendingCustomerSignIn.CODE_PAGE)
    String codePage(@AuthenticationPrincipal PortalCustomer me, HttpServletRequest request) {
        if (me != null) {
            return "redirect:/portal/tickets";
        }
        return PendingCustomerSignIn.of(request, clock).map(pending -> "portal/sign-in-code").orElseGet(() -> startOver(request));
    }

    @PostMapping(PendingCustomerSignIn.CODE_PAGE)
    String submitCode(@RequestParam(name = "code", required = false) String code, Model model, Locale locale,
                      HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        var pending = PendingCustomerSignIn.of(request, clock).orElse(null);
        if (pending == null) {
            return startOver(request);
        }
        SignedInCustomer done;
        try {
            done = twoFactor.completeSignIn(pending.accountId(), pending.customerId(), code, request.getRemoteAddr());
        } catch (SignInRefusedException refused) {
            response.setStatus(refused.throttled() ? 429 : HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("codeError", refused.throttled()
                    ? messages.getMessage("portal.sign_in.throttled", new Object[] {SignInFailure.minutes(refused.retryAfter())}, locale)
                    : messages.getMessage("console.two_factor.wrong_code", null, locale));
            return "portal/sign-in-code";
        }
        PendingCustomerSignIn.forget(request);
        if (done.credentialsVersion() != pending.credentialsVersion()) {
            // The password was set anew since it was typed: that sign-in proves nothing any more.
            return "redirect:" + CustomerSessions.SIGN_IN + "?error&account=" + pending.accountId();
        }
        CustomerSessions.signInHere(request, done);
        success.onAuthenticationSuccess(request, response, CustomerSessions.FORM.signedIn(done.customer(), done.credentialsVersion()));
        return null;
    }

    @GetMapping(ACCOUNT_PAGE)
    String account(@AuthenticationPrincipal PortalCustomer me, Model model) {
        model.addAttribute("twoFactor", twoFactor.status(me.accountId(), me.customerId()));
        return "portal/account";
    }

    @PostMapping(ENROL_PAGE)
    String start(@AuthenticationPrincipal PortalCustomer me) {
        // Already on: nothing to start; the account page says so.
        if (!twoFactor.status(me.accountId(), me.customerId()).enabled()) {
            twoFactor.startEnrolment(me.accountId(), me.customerId());
        }
        return "redirect:" + ENROL_PAGE;
    }

    @GetMapping(ENROL_PAGE)
    String enrolment(@AuthenticationPrincipal PortalCustomer me, Model model, Locale locale, HttpServletResponse response) {
        var enrolment = twoFactor.enrolment(me.accountId(), me.customerId()).orElse(null);
        if (enrolment == null) {
            return "redirect:" + ACCOUNT_PAGE;
        }
        return enrolmentPage(me, enrolment, model, locale, response);
    }

    @PostMapping(ENROL_PAGE + "/confirm")
    String confirm(@AuthenticationPrincipal PortalCustomer me, @RequestParam(name = "code", required = false) String code,
                   Model model, Locale locale, HttpServletResponse response) {
        List<String> codes;
        try {
            codes = twoFactor.confirmEnrolment(me.accountId(), me.customerId(), code);
        } catch (InvalidInputException wrong) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("codeError", text(wrong, locale));
            return enrolment(me, model, locale, response);
        } catch (RuleViolationException noEnrolment) {
            return "redirect:" + ACCOUNT_PAGE;
        }
        TwoFactorPages.recoveryCodes(model, response, codes, ACCOUNT_PAGE);
        return "portal/recovery-codes";
    }

    @PostMapping(ENROL_PAGE + "/disable")
    String disable(@AuthenticationPrincipal PortalCustomer me, @RequestParam(name = "confirmation", required = false) String confirmation,
                   Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            twoFactor.disable(me.accountId(), me.customerId(), confirmation);
        } catch (InvalidInputException | RuleViolationException refused) {
            response.setStatus(refused instanceof InvalidInputException ? HttpServletResponse.SC_BAD_REQUEST : HttpServletResponse.SC_CONFLICT);
            model.addAttribute("twoFactorError", text((AtendeException) refused, locale));
            return account(me, model);
        }
        redirect.addFlashAttribute("done", "console.two_factor.disabled");
        return "redirect:" + ACCOUNT_PAGE;
    }

    private String enrolmentPage(PortalCustomer me, TwoFactorEnrolment enrolment, Model model, Locale locale, HttpServletResponse response) {
        TwoFactorPages.enrolment(model, response, enrolment, accounts.get(me.accountId()).name(), ENROL_PAGE + "/confirm", ACCOUNT_PAGE,
                messages.getMessage("console.two_factor.enrol_qr", null, locale));
        return "portal/two-factor-enrol";
    }

    private String text(AtendeException failure, Locale locale) {
        return messages.getMessage(failure.messageKey(), failure.arguments(), failure.messageKey(), locale);
    }

    /** Back to the sign-in page of the account the pending sign-in was for, if any. */
    private String startOver(HttpServletRequest request) {
        PendingCustomerSignIn.forget(request);
        String account = request.getParameter("account");
        return "redirect:" + CustomerSessions.SIGN_IN
                + (account == null || account.isBlank() ? "" : "?account=" + java.net.URLEncoder.encode(account, java.nio.charset.StandardCharsets.UTF_8));
    }
}
