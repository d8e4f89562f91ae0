package io.atende.mail;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import io.atende.platform.Ids;
import io.atende.ticket.TicketManagement;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Queues messages in the caller's transaction: a change that rolls back sends nothing, and a
 * committed one has its messages on disk before anyone tries to send them. After the commit the
 * local dispatcher is woken so sending starts at once.
 */
@Component
class MailOutbox {

    private static final int MAX_REFERENCES = 3900;

    private final MailRepository repository;
    private final MailDispatcher dispatcher;
    private final SmtpSender smtp;
    private final MailSenders senders;
    private final TicketManagement tickets;
    private final Clock clock;

    MailOutbox(MailRepository repository, MailDispatcher dispatcher, SmtpSender smtp, MailSenders senders, TicketManagement tickets,
               Clock clock) {
        this.repository = repository;
        this.dispatcher = dispatcher;
        this.smtp = smtp;
        this.senders = senders;
        this.tickets = tickets;
        this.clock = clock;
    }

    /** Whether messages can be queued at all: without SMTP nothing is. */
    boolean enabled() {
        return smtp.configured();
    }

    /** Queues a message; answers its id, or {@code null} when SMTP is not configured. */
    String enqueue(String accountId, MailKind kind, String ticketId, String recipient, String replyTo, String inReplyTo,
                   boolean autoSubmitted, RenderedMail rendered) {
        return enqueueInThread(accountId, kind, ticketId, recipient, replyTo, inReplyTo == null ? List.of() : List.of(inReplyTo),
                autoSubmitted, rendered);
    }

    /**
     * Queues a message that continues a conversation: {@code thread} holds its Message-IDs, oldest first; the message
     * answers the last (In-Reply-To) and refers to them all (References), so every client files it in the thread.
     */
    String enqueueInThread(String accountId, MailKind kind, String ticketId, String recipient, String replyTo, List<String> thread,
                   boolean autoSubmitted, RenderedMail rendered) {
        if (!enabled()) {
            return null;
        }
        String id = Ids.newId();
        String inReplyTo = thread.isEmpty() ? null : thread.get(thread.size() - 1);
        // Chosen now, like the text: a later change of sender does not alter what is already queued.
        var from = senders.resolve(accountId, ticketId == null ? null : tickets.get(accountId, ticketId).departmentId());
        repository.insertMessage(new MailRepository.Outgoing(accountId, id, kind, ticketId, recipient, replyTo,
                MailRepository.clip(rendered.subject(), 1000), rendered.text(), rendered.html(), messageId(id, from), inReplyTo,
                references(thread), autoSubmitted, from.address(), from.name()), clock.instant());
        wakeAfterCommit();
        return id;
    }

    /** Queues a sent or failed message again; false when it is still queued. */
    boolean requeue(String accountId, String id) {
        boolean requeued = repository.requeue(accountId, id, clock.instant());
        if (requeued) {
            wakeAfterCommit();
        }
        return requeued;
    }

    /**
     * The References header of a thread: all its Message-IDs, or when they do not fit the first (the thread's root)
     * and as many of the latest as do, as RFC 5322 suggests.
     */
    static String references(List<String> thread) {
        if (thread.isEmpty()) {
            return null;
        }
        List<String> kept = new ArrayList<>(new LinkedHashSet<>(thread));
        while (kept.size() > 2 && String.join(" ", kept).length() > MAX_REFERENCES) {
            kept.remove(1);
        }
        String joined = String.join(" ", kept);
        return joined.length() > MAX_REFERENCES ? kept.get(kept.size() - 1) : joined;
    }

    /** Our Message-IDs name the message and the sender's domain, so they are unique and recognizably ours. */
    private String messageId(String id, MailSenders.From from) {
        return "<atende." + id + "@" + MailSenders.domainOf(from.address() == null ? smtp.from() : from.address()) + ">";
    }

    private void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dispatcher.wake();
                }
            });
        } else {
            dispatcher.wake();
        }
    }
}
