package io.atende.console;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The server's root, where people land by typing its address: a signed-in operator goes on to the
 * console, anyone else sees where to go (console, customer portal, help center) in their language.
 */
@Controller
class LandingController {

    @GetMapping("/")
    String landing(HttpServletRequest request) {
        // "/" is outside the console's security chain, so its session is read here directly.
        if (OperatorSessions.FORM.signedIn(request).isPresent()) {
            return "redirect:/console";
        }
        return "landing";
    }
}
