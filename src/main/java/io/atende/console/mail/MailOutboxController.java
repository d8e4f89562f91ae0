package io.atende.console.mail;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.account.AccountManagement;
import io.atende.console.ConsoleDates;
import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.mail.AcknowledgementSettings;
import io.atende.mail.MailAcknowledgements;
import io.atende.mail.MailManagement;
import io.atende.mail.MailMessageView;
import io.atende.mail.MailStatus;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.platform.PageRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Administration › E-mail: the account's outgoing messages with every attempt, and sending one again. */
@Controller
class MailOutboxController {

    private static final int PAGE_SIZE = 25;

    private final MailManagement mail;
    private final AccountManagement accounts;
    private final ConsoleDates dates;

    private final MailAcknowledgements acknowledgements;
    private final ConsoleMessages messages;

    MailOutboxController(MailManagement mail, AccountManagement accounts, ConsoleDates dates, MailAcknowledgements acknowledgements,
                         ConsoleMessages messages) {
        this.acknowledgements = acknowledgements;
        this.messages = messages;
        this.mail = mail;
        this.accounts = accounts;
        this.dates = dates;
    }

    /** A message as the page lists it, times in the account's zone. */
    record Row(String id, String kind, String recipient, String subject, String status, int attempts, String lastError, String createdAt,
               String sentAt, String nextAttemptAt, boolean canSendAgain, List<Attempt> log) {
    }

    record Attempt(String at, int durationMs, String error, String node) {
    }

    @GetMapping("/console/admin/mail")
    String outbox(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "status", required = false) String status,
                  @RequestParam(name = "page", required = false, defaultValue = "1") String page, Model model) {
        MailStatus filter = status == null || status.isBlank() ? null
                : MailStatus.fromWireName(status).orElseThrow(() -> new InvalidInputException("status", "mail.invalid_status"));
        int number = pageNumber(page);
        var messages = mail.messages(me.accountId(), filter, null, new PageRequest(number, PAGE_SIZE));
        if (messages.isBeyondLast()) {
            throw new NotFoundException("mail.console.no_such_page", number);
        }
        model.addAttribute("rows", messages.items().stream().map(this::row).toList());
        model.addAttribute("status", filter == null ? "" : filter.wireName());
        model.addAttribute("statuses", List.of(MailStatus.values()).stream().map(MailStatus::wireName).toList());
        model.addAttribute("page", number);
        model.addAttribute("pages", Math.max(1, messages.pages()));
        model.addAttribute("total", messages.total());
        model.addAttribute("sendingConfigured", mail.sendingConfigured());
        model.addAttribute("mailForApiChanges", accounts.mailsForApiChanges(me.accountId()));
        if (!model.containsAttribute("acknowledgement")) {
            model.addAttribute("acknowledgement", acknowledgements.settings(me.accountId()));
        }
        model.addAttribute("acknowledgementPlaceholders",
                String.join(", ", AcknowledgementSettings.PLACEHOLDERS.stream().map(name -> "{{" + name + "}}").toList()));
        model.addAttribute("section", "admin");
        return "console/admin/mail";
    }

    /** Whether replies and finishes made through TomTicket's API e-mail the customer (off by default, as in TomTicket). */
    @PostMapping("/console/admin/mail/api-changes")
    String mailForApiChanges(@AuthenticationPrincipal ConsoleOperator me,
                             @RequestParam(name = "enabled", defaultValue = "false") boolean enabled, RedirectAttributes redirect) {
        accounts.sendMailsForApiChanges(me.accountId(), enabled);
        redirect.addFlashAttribute("notice", "mail.console.api_changes_saved");
        return "redirect:/console/admin/mail";
    }

    /** The acknowledgement of new e-mail and portal tickets: on or off, and the account's subject and text. */
    @PostMapping("/console/admin/mail/acknowledgement")
    String acknowledgement(@AuthenticationPrincipal ConsoleOperator me,
                           @RequestParam(name = "enabled", defaultValue = "false") boolean enabled,
                           @RequestParam(name = "subject", required = false) String subject,
                           @RequestParam(name = "body", required = false) String body, Model model, Locale locale,
                           HttpServletResponse response, RedirectAttributes redirect) {
        var given = new AcknowledgementSettings(enabled, subject, body);
        try {
            acknowledgements.save(me.accountId(), given);
        } catch (InvalidInputException refused) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("acknowledgement", given);
            model.addAttribute("acknowledgementError", messages.text(refused, locale));
            model.addAttribute("acknowledgementField", refused.parameter());
            return outbox(me, null, "1", model);
        }
        redirect.addFlashAttribute("notice", "mail.console.acknowledgement.saved");
        return "redirect:/console/admin/mail";
    }

    @PostMapping("/console/admin/mail/{id}/send-again")
    String sendAgain(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id, RedirectAttributes redirect) {
        mail.sendAgain(me.accountId(), id);
        redirect.addFlashAttribute("notice", "mail.console.queued_again");
        return "redirect:/console/admin/mail";
    }

    private static int pageNumber(String page) {
        try {
            int number = Integer.parseInt(page.strip());
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new InvalidInputException("page", "parameter.out_of_range", 1, Integer.MAX_VALUE);
    }

    private Row row(MailMessageView message) {
        return new Row(message.id(), message.kind().wireName(), message.recipient(), message.subject(), message.status().wireName(),
                message.attempts(), message.lastError(), format(message.createdAt()), format(message.sentAt()),
                message.status() == MailStatus.QUEUED ? format(message.nextAttemptAt()) : null,
                message.status() != MailStatus.QUEUED,
                message.log().stream().map(attempt -> new Attempt(format(attempt.attemptedAt()), attempt.durationMs(), attempt.error(),
                        attempt.node())).toList());
    }

    private String format(Instant instant) {
        return instant == null ? null : dates.dateTimeSeconds(instant);
    }
}
