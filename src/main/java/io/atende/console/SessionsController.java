package io.atende.console;

import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The operator's own console sessions ({@link ConsoleSessions}): where they are signed in, and signing out any of them. */
@Controller
class SessionsController {

    private final ConsoleSessions sessions;
    private final ConsoleMessages messages;

    SessionsController(ConsoleSessions sessions, ConsoleMessages messages) {
        this.sessions = sessions;
        this.messages = messages;
    }

    @GetMapping("/console/profile/sessions")
    String list(@AuthenticationPrincipal ConsoleOperator me, HttpSession session, Model model) {
        model.addAttribute("sessions", sessions.of(me, session.getId()));
        return "console/sessions";
    }

    @PostMapping("/console/profile/sessions/{handle}/end")
    String end(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("handle") String handle, HttpSession session, Model model,
               Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        if (!sessions.end(me, handle, session.getId())) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("error", messages.text("security.sessions.not_found", locale));
            return list(me, session, model);
        }
        redirect.addFlashAttribute("notice", "security.sessions.ended");
        return "redirect:/console/profile/sessions";
    }
}
