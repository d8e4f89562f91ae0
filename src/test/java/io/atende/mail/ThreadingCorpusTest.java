package io.atende.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.atende.platform.PageRequest;
import io.atende.support.MailServers;
import io.atende.support.MailTest;
import io.atende.ticket.TicketMessageView;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real-world reply patterns (Gmail, Outlook with Thread-Index, Apple Mail, Thunderbird, forwards,
 * CC'd third parties, subjects rewritten by other ticket systems, auto-replies, bounces) from
 * {@code src/test/resources/mail/corpus}, each with the outcome it must have. Every case gets a
 * customer of its own who opened a ticket by e-mail and received an operator's reply; then the
 * case's message arrives in the mailbox. The test reports the accuracy and lists every miss.
 *
 * <p>Expectations are headers of each file: {@code X-Corpus-Expect} (the outcome),
 * {@code X-Corpus-Ticket} ({@code same}: the customer's ticket, {@code new}: another ticket,
 * {@code none}), and optionally {@code X-Corpus-Body-Has} / {@code -Lacks} (the stored message; each may be given more
 * than once, {@code \n} stands for a line break), {@code X-Corpus-Body-Format} ({@code text} or {@code html}),
 * {@code X-Corpus-Subject} (the ticket's subject) and {@code X-Corpus-Files} (files kept).
 */
class ThreadingCorpusTest extends MailTest {

    /** Every pattern of the corpus is known to thread right; any miss is a regression. */
    static final double REQUIRED_ACCURACY = 1.0;


    record Case(String name, String raw) {
        String expect(String header) {
            var all = expectAll(header);
            return all.isEmpty() ? null : all.get(0);
        }

        /** Every value of a header that may be given more than once. */
        List<String> expectAll(String header) {
            List<String> values = new ArrayList<>();
            for (String line : raw.split("\n")) {
                if (line.isBlank()) {
                    break;
                }
                if (line.startsWith(header + ": ")) {
                    values.add(line.substring(header.length() + 2).strip());
                }
            }
            return values;
        }
    }

    record Thread(String customer, String ticketId, long protocol, String replyTo, String ourId, String originalId) {
    }

    @Test
    void threadsTheCorpusOfRealWorldRepliesAccurately() throws Exception {
        var cases = load();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
        var desk = MailFixture.create(tenants, "pt-BR");
        String mailbox = "help@" + desk.domain();
        MailServers.mailbox(mailbox, "secret");
        mail.createMailbox(desk.accountId(), new MailboxSettings(desk.departmentId(), mailbox, "127.0.0.1", MailServers.imapsPort(),
                MailboxSecurity.SSL, null, "secret", null, null, true, null));

        // Each case's customer opens a ticket by e-mail, and the operator answers it.
        for (int i = 0; i < cases.size(); i++) {
            Mails.deliver(mailbox, Mails.text("Cliente " + i + " <c" + i + "@" + desk.domain() + ">", mailbox, "Impressora parada",
                    "A impressora parou.", "<orig-" + i + "." + desk.domain() + "@client.test>"));
        }
        var opened = awaitInbound(desk.accountId(), cases.size());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            String originalId = "<orig-" + i + "." + desk.domain() + "@client.test>";
            var inbound = opened.stream().filter(view -> originalId.equals(view.messageId())).findFirst().orElseThrow();
            assertThat(inbound.outcome()).isEqualTo("ticket_created");
            tickets.linkOperator(desk.accountId(), inbound.ticketId(), desk.operatorId());
            tickets.replyByOperator(desk.accountId(), inbound.ticketId(), "Pode reiniciar a impressora?", List.of(), null, null);
            threads.add(new Thread("c" + i + "@" + desk.domain(), inbound.ticketId(), tickets.get(desk.accountId(), inbound.ticketId()).protocol(),
                    null, null, originalId));
        }
        var notifications = MailServers.awaitFor(desk.domain(), list -> list.stream()
                .filter(message -> OutboundMailTest.to(message).startsWith("c")).count() >= cases.size());
        for (int i = 0; i < threads.size(); i++) {
            var thread = threads.get(i);
            MimeMessage notification = notifications.stream().filter(message -> OutboundMailTest.to(message).equals(thread.customer()))
                    .findFirst().orElseThrow();
            threads.set(i, new Thread(thread.customer(), thread.ticketId(), thread.protocol(), notification.getReplyTo()[0].toString(),
                    notification.getMessageID(), thread.originalId()));
        }

        for (int i = 0; i < cases.size(); i++) {
            Mails.deliver(mailbox, Mails.parse(fill(cases.get(i).raw(), desk, threads, i)));
        }
        var all = awaitInbound(desk.accountId(), cases.size() * 2);

        List<String> misses = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            var check = cases.get(i);
            var thread = threads.get(i);
            String messageId = MimeReader.ids(Mails.parse(fill(check.raw(), desk, threads, i)).getMessageID()).get(0);
            var inbound = all.stream().filter(view -> messageId.equals(view.messageId())).findFirst().orElse(null);
            String miss = judge(check, thread, inbound, desk, threads, i);
            if (miss != null) {
                misses.add(check.name() + ": " + miss);
            }
        }
        double accuracy = (cases.size() - misses.size()) / (double) cases.size();
        System.out.printf("Threading corpus: %d of %d cases right, accuracy %.1f%%%n", cases.size() - misses.size(), cases.size(),
                accuracy * 100);
        misses.forEach(miss -> System.out.println("  miss " + miss));
        assertThat(accuracy).as("accuracy; misses: %s", misses).isGreaterThanOrEqualTo(REQUIRED_ACCURACY);
    }

    private String judge(Case check, Thread thread, InboundView inbound, MailFixture desk, List<Thread> threads, int index) {
        if (inbound == null) {
            return "never read";
        }
        String outcome = check.expect("X-Corpus-Expect");
        if (!outcome.equals(inbound.outcome())) {
            return "outcome " + inbound.outcome() + ", expected " + outcome;
        }
        String ticket = check.expect("X-Corpus-Ticket");
        switch (ticket) {
            case "same" -> {
                if (!thread.ticketId().equals(inbound.ticketId())) {
                    return "went to ticket " + inbound.ticketId() + " instead of the customer's";
                }
            }
            case "new" -> {
                if (inbound.ticketId() == null || inbound.ticketId().equals(thread.ticketId())) {
                    return "no new ticket";
                }
            }
            default -> {
                if (inbound.ticketId() != null) {
                    return "made ticket " + inbound.ticketId();
                }
                return null;
            }
        }
        var messages = tickets.detail(desk.accountId(), inbound.ticketId()).messages();
        TicketMessageView stored = messages.get(messages.size() - 1);
        for (String has : check.expectAll("X-Corpus-Body-Has")) {
            String wanted = fill(has, desk, threads, index).replace("\\n", "\n");
            if (!stored.body().contains(wanted)) {
                return "body lacks \"" + wanted + "\": " + stored.body();
            }
        }
        for (String lacks : check.expectAll("X-Corpus-Body-Lacks")) {
            if (stored.body().contains(lacks)) {
                return "body keeps \"" + lacks + "\": " + stored.body();
            }
        }
        String format = check.expect("X-Corpus-Body-Format");
        if (format != null && stored.html() != format.equals("html")) {
            return "stored as " + (stored.html() ? "html" : "text") + ", expected " + format + ": " + stored.body();
        }
        String subject = check.expect("X-Corpus-Subject");
        if (subject != null && !tickets.get(desk.accountId(), inbound.ticketId()).subject().equals(subject)) {
            return "subject \"" + tickets.get(desk.accountId(), inbound.ticketId()).subject() + "\", expected \"" + subject + "\"";
        }
        String files = check.expect("X-Corpus-Files");
        if (files != null && stored.attachments().size() != Integer.parseInt(files)) {
            return stored.attachments().size() + " files kept, expected " + files;
        }
        return null;
    }

    private static String fill(String raw, MailFixture desk, List<Thread> threads, int i) {
        var thread = threads.get(i);
        var other = threads.get((i + 1) % threads.size());
        String replyTo = thread.replyTo();
        int at = replyTo.indexOf('@');
        char last = replyTo.charAt(at - 1);
        // A signature character changed to another valid one, so the token is read and its signature refused.
        String forged = replyTo.substring(0, at - 1) + (last == 'a' ? 'b' : 'a') + replyTo.substring(at);
        Map<String, String> values = Map.of("{{FROM}}", thread.customer(), "{{MAILBOX}}", "help@" + desk.domain(),
                "{{REPLY_TO}}", replyTo, "{{OUR_ID}}", thread.ourId(), "{{ORIG_ID}}", thread.originalId(),
                "{{PROTOCOL}}", String.valueOf(thread.protocol()), "{{OTHER_PROTOCOL}}", String.valueOf(other.protocol()),
                "{{OTHER_REPLY_TO}}", other.replyTo(), "{{FORGED_REPLY_TO}}", forged, "{{THIRD}}", "x" + i + "@" + desk.domain());
        String filled = raw.replace("{{DOMAIN}}", desk.domain()).replace("{{ACCOUNT}}", desk.accountId())
                .replace("{{N}}", i + "." + desk.domain());
        for (var value : values.entrySet()) {
            filled = filled.replace(value.getKey(), value.getValue());
        }
        return filled;
    }

    private static List<Case> load() throws IOException {
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:mail/corpus/*.eml");
        return Arrays.stream(files).map(file -> {
            try {
                return new Case(file.getFilename(), new String(file.getContentAsByteArray(), StandardCharsets.UTF_8));
            } catch (IOException failure) {
                throw new AssertionError(failure);
            }
        }).sorted(java.util.Comparator.comparing(Case::name)).toList();
    }

    private List<InboundView> awaitInbound(String accountId, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            var received = mail.received(accountId, new PageRequest(1, 500)).items();
            if (received.size() >= count && received.stream().noneMatch(view -> view.outcome().equals("processing"))) {
                return received;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Only " + received.size() + " of " + count + " messages read");
            }
            MailServers.pause(100);
        }
    }
}
