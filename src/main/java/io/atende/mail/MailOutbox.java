package io.atende.mail;

import java.time.Clock;
import java.util.Locale;

import io.atende.platform.Ids;

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

    private final MailRepository repository;
    private final MailDispatcher dispatcher;
    private final SmtpSender smtp;
    private final Clock clock;

    MailOutbox(MailRepository repository, MailDispatcher dispatcher, SmtpSender smtp, Clock clock) {
        this.repository = repository;
        this.dispatcher = dispatcher;
        this.smtp = smtp;
        this.clock = clock;
    }

    /** Whether messages can be queued at all: without SMTP nothing is. */
    boolean enabled() {
        return smtp.configured();
    }

    /** Queues a message; answers its id, or {@code null} when SMTP is not configured. */
    String enqueue(String accountId, MailKind kind, String ticketId, String recipient, String replyTo, String inReplyTo,
                   boolean autoSubmitted, RenderedMail rendered) {
        if (!enabled()) {
            return null;
        }
        String id = Ids.newId();
        repository.insertMessage(new MailRepository.Outgoing(accountId, id, kind, ticketId, recipient, replyTo,
                MailRepository.clip(rendered.subject(), 1000), rendered.text(), rendered.html(), messageId(id), inReplyTo, autoSubmitted),
                clock.instant());
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

    /** Our Message-IDs name the message and the sending domain, so they are unique and recognizably ours. */
    private String messageId(String id) {
        String from = smtp.from();
        String domain = from.substring(from.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        return "<atende." + id + "@" + domain + ">";
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
