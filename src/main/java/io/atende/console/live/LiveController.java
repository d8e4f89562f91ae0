package io.atende.console.live;

import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.console.ConsoleOperator;
import io.atende.live.TicketPresence;
import io.atende.platform.InvalidInputException;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live updates of the console: the operator's one stream of events (queue counts, tickets, chats, colleagues'
 * presence), which every console page opens, and the ticket page's announcements of its operator's presence.
 */
@Controller
class LiveController {

    private final ConsoleLiveStreams streams;
    private final TicketPresence presence;

    LiveController(ConsoleLiveStreams streams, TicketPresence presence) {
        this.streams = streams;
        this.presence = presence;
    }

    @GetMapping(path = "/console/live", produces = "text/event-stream")
    @ResponseBody
    SseEmitter stream(@AuthenticationPrincipal ConsoleOperator me, Locale locale, HttpServletResponse response) {
        // Tells nginx-style proxies not to hold the events back.
        response.setHeader("X-Accel-Buffering", "no");
        response.setHeader("Cache-Control", "no-store");
        return streams.open(me, locale);
    }

    /**
     * The operator has the ticket's page open ({@code viewing}), is writing on it ({@code replying}) or closed it
     * ({@code left}); 204, 400 for another state, 404 for a ticket the account does not have.
     */
    @PostMapping("/console/tickets/{id}/presence")
    ResponseEntity<Void> presence(@AuthenticationPrincipal ConsoleOperator me, @PathVariable String id,
                                  @RequestParam(name = "state", required = false) String state) {
        presence.announce(me.accountId(), id, me.operatorId(), me.name(), state(state));
        return ResponseEntity.noContent().build();
    }

    private static TicketPresence.State state(String value) {
        if (value != null) {
            for (var state : TicketPresence.State.values()) {
                if (state.name().equalsIgnoreCase(value)) {
                    return state;
                }
            }
        }
        throw new InvalidInputException("state", value == null ? "parameter.required" : "parameter.invalid");
    }
}
