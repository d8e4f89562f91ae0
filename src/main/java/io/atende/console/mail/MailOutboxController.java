package io.atende.console.mail;

import java.time.Instant;
import java.util.List;

import io.atende.account.AccountManagement;
import io.atende.console.ConsoleDates;
import io.atende.console.ConsoleOperator;
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

    MailOutboxController(MailManagement mail, AccountManagement accounts, ConsoleDates dates) {
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
