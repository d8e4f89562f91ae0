package io.atende.console;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * What OAuth2 login leaves unanswered: the way to a provider of an account that has none usable now (single sign-on
 * off, or its issuer unreachable), and an answer from a provider that is no sign-in (no code, no state).
 */
@Controller
class SingleSignOnController {

    @GetMapping(ConsoleSingleSignOn.AUTHORIZE + "/{accountId}")
    void unavailable(@PathVariable String accountId, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ConsoleSingleSignOn.signInPage(request, response, accountId, "sso-error=unavailable");
    }

    @GetMapping(ConsoleSingleSignOn.CALLBACK + "{accountId}")
    void noAnswer(@PathVariable String accountId, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ConsoleSingleSignOn.signInPage(request, response, accountId, "sso-error=provider");
    }
}
