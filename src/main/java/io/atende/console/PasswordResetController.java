package io.atende.console;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import io.atende.operator.OperatorPasswordReset;
import io.atende.platform.InvalidInputException;
import io.atende.platform.PasswordRules;
import io.atende.platform.SignInFailure;
import io.atende.platform.SignInRefusedException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Forgot your password?": an operator asks for a link by e-mail ({@link OperatorPasswordReset}) and chooses a new
 * password on the page it opens. The link's token moves into the session on first use, and the page is then served
 * at an address without it, so it stays out of the history, the logs and any Referer. Both pages answer without a
 * signed-in operator.
 */
@Controller
class PasswordResetController {

    static final String REQUEST_PAGE = "/console/forgot-password";
    static final String RESET_PAGE = "/console/password-reset";
    private static final String TOKEN_ATTRIBUTE = PasswordResetController.class.getName() + ".token";

    private final OperatorPasswordReset reset;
    private final ConsoleMessages messages;

    PasswordResetController(OperatorPasswordReset reset, ConsoleMessages messages) {
        this.reset = reset;
        this.messages = messages;
    }

    @GetMapping(REQUEST_PAGE)
    String requestPage() {
        return "console/forgot-password";
    }

    @PostMapping(REQUEST_PAGE)
    String requestLink(@RequestParam(name = "email", required = false) String email, Model model, Locale locale,
                       HttpServletRequest request, HttpServletResponse response) {
        model.addAttribute("email", email);
        if (email == null || email.isBlank()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", messages.text("security.reset.email_required", locale));
            return "console/forgot-password";
        }
        try {
            reset.requestLink(email, request.getRemoteAddr());
        } catch (SignInRefusedException throttled) {
            response.setStatus(429);
            model.addAttribute("error", messages.text("console.sign_in.throttled", locale, SignInFailure.minutes(throttled.retryAfter())));
            return "console/forgot-password";
        }
        // The same answer whether or not anyone has the address.
        model.addAttribute("sent", true);
        return "console/forgot-password";
    }

    @GetMapping(value = RESET_PAGE, params = "token")
    String openLink(@RequestParam("token") String token, HttpSession session) {
        session.setAttribute(TOKEN_ATTRIBUTE, token);
        return "redirect:" + RESET_PAGE;
    }

    @GetMapping(value = RESET_PAGE, params = "!token")
    String resetPage(HttpSession session, Model model, HttpServletResponse response) {
        return page(session, model, response, null);
    }

    @PostMapping(RESET_PAGE)
    String choosePassword(@RequestParam(name = "password", required = false) String password,
                          @RequestParam(name = "confirmation", required = false) String confirmation,
                          HttpSession session, Model model, Locale locale, HttpServletResponse response) {
        String token = (String) session.getAttribute(TOKEN_ATTRIBUTE);
        if (password != null && !password.equals(confirmation)) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(session, model, response, messages.text("security.reset.confirmation_differs", locale));
        }
        try {
            reset.choosePassword(token, password);
        } catch (InvalidInputException refused) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(session, model, response, messages.text(refused, locale));
        }
        session.removeAttribute(TOKEN_ATTRIBUTE);
        return "redirect:" + OperatorSessions.SIGN_IN + "?password-changed";
    }

    private String page(HttpSession session, Model model, HttpServletResponse response, String error) {
        response.setHeader("Cache-Control", "no-store");
        var operator = reset.linkFor((String) session.getAttribute(TOKEN_ATTRIBUTE)).orElse(null);
        if (operator == null) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("invalid", true);
        } else {
            model.addAttribute("operatorEmail", operator.email());
        }
        model.addAttribute("error", error);
        model.addAttribute("minLength", PasswordRules.MIN_LENGTH);
        return "console/password-reset";
    }
}
