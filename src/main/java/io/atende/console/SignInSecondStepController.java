package io.atende.console;

import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atende.account.AccountManagement;
import io.atende.operator.OperatorTwoFactor;
import io.atende.operator.SignedInOperator;
import io.atende.platform.InvalidInputException;
import io.atende.platform.RuleViolationException;
import io.atende.platform.SignInFailure;
import io.atende.platform.SignInRefusedException;
import io.atende.platform.SignInSuccess;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The second step of a console sign-in ({@link PendingSignIn}): the code page, and the enrolment an account that
 * requires a second factor asks of an operator without one. Completing either signs in with a fresh session id.
 */
@Controller
class SignInSecondStepController {

    private final OperatorTwoFactor twoFactor;
    private final AccountManagement accounts;
    private final ConsoleMessages messages;
    private final Clock clock;
    private final SignInSuccess success = new SignInSuccess("/console");

    SignInSecondStepController(OperatorTwoFactor twoFactor, AccountManagement accounts, ConsoleMessages messages, Clock clock) {
        this.twoFactor = twoFactor;
        this.accounts = accounts;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping(PendingSignIn.CODE_PAGE)
    String codePage(@AuthenticationPrincipal ConsoleOperator me, HttpServletRequest request) {
        if (me != null) {
            return "redirect:/console";
        }
        var pending = live(request);
        if (pending.isEmpty()) {
            return startOver(request);
        }
        return pending.get().enrolment() ? "redirect:" + PendingSignIn.ENROL_PAGE : "console/sign-in-code";
    }

    @PostMapping(PendingSignIn.CODE_PAGE)
    String submitCode(@RequestParam(name = "code", required = false) String code, Model model, Locale locale,
                      HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        var pending = live(request).filter(found -> !found.enrolment()).orElse(null);
        if (pending == null) {
            return startOver(request);
        }
        SignedInOperator done;
        try {
            done = twoFactor.completeSignIn(pending.accountId(), pending.operatorId(), code, request.getRemoteAddr());
        } catch (SignInRefusedException refused) {
            response.setStatus(refused.throttled() ? 429 : HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("codeError", refused.throttled()
                    ? messages.text("console.sign_in.throttled", locale, SignInFailure.minutes(refused.retryAfter()))
                    : messages.text("console.two_factor.wrong_code", locale));
            return "console/sign-in-code";
        }
        return signIn(request, response, pending, done) ? null : "redirect:" + OperatorSessions.SIGN_IN + "?error";
    }

    @GetMapping(PendingSignIn.ENROL_PAGE)
    String enrolPage(@AuthenticationPrincipal ConsoleOperator me, Model model, Locale locale, HttpServletRequest request,
                     HttpServletResponse response) {
        if (me != null) {
            return "redirect:/console";
        }
        var pending = live(request).orElse(null);
        if (pending == null) {
            return startOver(request);
        }
        if (!pending.enrolment()) {
            return "redirect:" + PendingSignIn.CODE_PAGE;
        }
        return enrolment(pending, model, locale, response);
    }

    @PostMapping(PendingSignIn.ENROL_PAGE)
    String submitEnrolment(@RequestParam(name = "code", required = false) String code, Model model, Locale locale,
                           HttpServletRequest request, HttpServletResponse response) {
        var pending = live(request).filter(PendingSignIn::enrolment).orElse(null);
        if (pending == null) {
            return startOver(request);
        }
        OperatorTwoFactor.Enrolled done;
        try {
            done = twoFactor.completeSignInByEnrolment(pending.accountId(), pending.operatorId(), code, request.getRemoteAddr());
        } catch (InvalidInputException wrong) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("codeError", messages.text(wrong, locale));
            return enrolment(pending, model, locale, response);
        } catch (RuleViolationException noEnrolment) {
            return "redirect:" + PendingSignIn.ENROL_PAGE;
        } catch (SignInRefusedException gone) {
            PendingSignIn.forget(request);
            return "redirect:" + OperatorSessions.SIGN_IN + "?error";
        }
        if (!signInHere(request, pending, done.operator())) {
            return "redirect:" + OperatorSessions.SIGN_IN + "?error";
        }
        return EnrolmentPage.recoveryCodes(model, response, done.recoveryCodes(), "/console");
    }

    private String enrolment(PendingSignIn pending, Model model, Locale locale, HttpServletResponse response) {
        // Shown again until its first code arrives; a new one only when none waits.
        var enrolment = twoFactor.enrolment(pending.accountId(), pending.operatorId())
                .orElseGet(() -> twoFactor.startEnrolment(pending.accountId(), pending.operatorId()));
        model.addAttribute("required", true);
        return EnrolmentPage.show(model, response, enrolment, accounts.get(pending.accountId()).name(), PendingSignIn.ENROL_PAGE,
                OperatorSessions.SIGN_IN, messages.text("console.two_factor.enrol_qr", locale));
    }

    /** Signs in and goes on to the page first asked for, as a one-step sign-in does. */
    private boolean signIn(HttpServletRequest request, HttpServletResponse response, PendingSignIn pending, SignedInOperator done)
            throws IOException, ServletException {
        if (!signInHere(request, pending, done)) {
            return false;
        }
        var person = ConsoleOperator.of(done.accountId(), done.operator(), null);
        success.onAuthenticationSuccess(request, response, OperatorSessions.FORM.signedIn(person, done.credentialsVersion()));
        return true;
    }

    /** False, forgetting the pending sign-in, when the password changed since it was typed. */
    private static boolean signInHere(HttpServletRequest request, PendingSignIn pending, SignedInOperator done) {
        PendingSignIn.forget(request);
        if (done.credentialsVersion() != pending.credentialsVersion() || !done.operator().active()) {
            return false;
        }
        // The account's language is filled in when the first request reloads the operator.
        OperatorSessions.FORM.signInHere(request, ConsoleOperator.of(done.accountId(), done.operator(), null), done.credentialsVersion());
        return true;
    }

    private Optional<PendingSignIn> live(HttpServletRequest request) {
        return PendingSignIn.of(request).filter(pending -> pending.live(clock));
    }

    /** Back to the sign-in page, saying why when a pending sign-in expired. */
    private String startOver(HttpServletRequest request) {
        boolean expired = PendingSignIn.of(request).isPresent();
        PendingSignIn.forget(request);
        return "redirect:" + OperatorSessions.SIGN_IN + (expired ? "?expired" : "");
    }
}
