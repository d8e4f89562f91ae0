package io.atende.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.atende.account.AccountManagement;
import io.atende.customer.UndeliverableEmails;
import io.atende.platform.Ids;
import io.atende.platform.LeaseHolders;
import io.atende.platform.Worker;
import io.atende.platform.Workers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox. Runs on every node when SMTP is configured: it claims due messages with
 * {@code FOR UPDATE SKIP LOCKED} in a short transaction (a claim token and a lease), sends them
 * one by one with no database lock held, and records each attempt in another short transaction.
 * A node that dies mid-send leaves a lease that expires, and the message is tried again.
 */
@Component
class MailDispatcher implements Worker.Owner {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);
    private static final int BATCH = 10;
    private static final java.util.regex.Pattern REPLY_5XX = java.util.regex.Pattern.compile("5\\d\\d\\b");

    private final MailRepository repository;
    private final SmtpSender smtp;
    private final MailSenders senders;
    private final MailFiles files;
    private final AccountManagement accounts;
    private final MailProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String node;
    private final Worker worker;
    private final UndeliverableEmails undeliverable;

    MailDispatcher(MailRepository repository, SmtpSender smtp, MailSenders senders, MailFiles files, AccountManagement accounts, MailProperties properties,
                   PlatformTransactionManager transactionManager, Clock clock, Workers workers, UndeliverableEmails undeliverable) {
        this.undeliverable = undeliverable;
        this.repository = repository;
        this.smtp = smtp;
        this.senders = senders;
        this.files = files;
        this.accounts = accounts;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.node = LeaseHolders.newName();
        this.worker = workers.create(new Worker.Settings("mail-dispatcher", properties.pollInterval(), BATCH, Duration.ofSeconds(10)),
                this::claimAndSend);
    }

    /** Looks for due messages now rather than at the next poll (called after a local commit queued some). */
    void wake() {
        worker.wake();
    }

    @Override
    public void start() {
        if (properties.dispatcherEnabled() && smtp.configured()) {
            worker.start();
        }
    }

    @Override
    public Worker worker() {
        return worker;
    }

    private int claimAndSend() {
        String token = Ids.newId();
        List<String[]> claimed = transactions.execute(status -> {
            Instant now = clock.instant();
            var due = repository.lockDue(now, BATCH);
            due.forEach(row -> repository.claim(row[0], row[1], token, now.plus(properties.lease())));
            return due;
        });
        // Accounts whose own SMTP server could not be reached in this round: their further messages are not tried
        // (each would wait for the connect timeout), so one account's outage does not hold up the others' mail.
        Map<String, String> unreachable = new HashMap<>();
        for (String[] row : claimed) {
            if (worker.stopping()) {
                break;  // the lease expires and another node (or this one, restarted) sends it
            }
            send(row[0], row[1], token, unreachable);
        }
        return claimed.size();
    }

    private void send(String accountId, String id, String token, Map<String, String> unreachable) {
        try {
            var work = repository.work(accountId, id).orElse(null);
            if (work == null || !token.equals(work.claimToken())) {
                return;
            }
            var mark = undeliverable.ofAddress(accountId, work.message().recipient());
            if (mark.isPresent()) {
                transactions.executeWithoutResult(status -> skip(work, token, mark.get().reason()));
                return;
            }
            Instant started = clock.instant();
            long startNanos = System.nanoTime();
            String error = unreachable.get(accountId);
            String refused = null;
            if (error == null) {
                try {
                    smtp.send(work.message(), accounts.get(accountId).name(), files.load(accountId, id));
                } catch (Exception failure) {
                    error = describe(failure);
                    refused = permanentRefusal(failure, 0);
                    if (cannotConnect(failure) && senders.transport(accountId).isPresent()) {
                        unreachable.put(accountId, "not tried: the account's SMTP server could not be reached just before (" + error + ")");
                    }
                }
            }
            int duration = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - startNanos) / 1_000_000);
            String outcome = error;
            String refusal = refused;
            transactions.executeWithoutResult(status -> record(work, token, started, duration, outcome, refusal));
        } catch (RuntimeException failure) {
            log.warn("Mail message {} could not be recorded: {}", id, failure.toString());
        }
    }

    /** A message to an address that bounced for good is not sent; the outbox shows why. */
    private void skip(MailRepository.Work work, String token, String reason) {
        var message = work.message();
        if (!repository.lockClaimed(message.accountId(), message.id(), token)) {
            return;
        }
        repository.settle(message.accountId(), message.id(), MailStatus.SKIPPED, "undeliverable address: " + reason, clock.instant(), null);
    }

    /**
     * The server's words when it refused the recipient for good (a 5xx reply to RCPT TO): a hard bounce at send time.
     * Anything else (a 4xx, a connection failure) is worth another attempt and answers {@code null}.
     */
    static String permanentRefusal(Throwable failure, int depth) {
        if (failure == null || depth > 8) {
            return null;
        }
        // Jakarta Mail's SMTP provider reports each refused recipient as an SMTPAddressFailedException (a
        // SendFailedException) whose message is the server's reply; the provider is a runtime dependency only.
        if (failure instanceof jakarta.mail.SendFailedException refused && refused.getClass().getSimpleName().contains("AddressFailed")
                && refused.getMessage() != null && REPLY_5XX.matcher(refused.getMessage().strip()).lookingAt()) {
            return refused.getMessage().replaceAll("\\s+", " ").strip();
        }
        if (failure instanceof org.springframework.mail.MailSendException send) {
            for (Exception each : send.getFailedMessages().values()) {
                String found = permanentRefusal(each, depth + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        if (failure instanceof jakarta.mail.MessagingException messaging && messaging.getNextException() != failure) {
            String found = permanentRefusal(messaging.getNextException(), depth + 1);
            if (found != null) {
                return found;
            }
        }
        return failure.getCause() == failure ? null : permanentRefusal(failure.getCause(), depth + 1);
    }

    private void record(MailRepository.Work work, String token, Instant started, int duration, String error, String refusal) {
        var message = work.message();
        if (!repository.lockClaimed(message.accountId(), message.id(), token)) {
            return;  // the lease expired and another node took the message over
        }
        Instant now = clock.instant();
        repository.insertAttempt(message.accountId(), Ids.newId(), message.id(), started, duration, error, node);
        if (error == null) {
            repository.settle(message.accountId(), message.id(), MailStatus.SENT, null, now, now);
            if (message.kind().carriesLink()) {
                repository.removeLink(message.accountId(), message.id());
            }
            return;
        }
        if (refusal != null) {
            // The server refused the address for good: no retry, and a customer with that address gets no more mail.
            undeliverable.mark(message.accountId(), message.recipient(), refusal, now);
            repository.settle(message.accountId(), message.id(), MailStatus.FAILED, error, now, null);
            return;
        }
        Instant next = now.plus(backoff(work.attempts() + 1));
        if (next.isAfter(work.createdAt().plus(properties.maxAge()))) {
            repository.settle(message.accountId(), message.id(), MailStatus.FAILED, error, now, null);
            log.info("Mail message {} given up after {} attempts: {}", message.id(), work.attempts() + 1, error);
        } else {
            repository.settle(message.accountId(), message.id(), MailStatus.QUEUED, error, next, null);
        }
    }

    /** Exponential backoff with jitter: about initial × 2^(n−1), capped, drawn from its upper half. */
    Duration backoff(int attempts) {
        long initial = properties.initialDelay().toMillis();
        long cap = properties.maxDelay().toMillis();
        long exponential = attempts >= 40 ? cap : Math.min(cap, initial << Math.max(0, attempts - 1));
        long half = exponential / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    private static boolean cannotConnect(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.net.ConnectException || cause instanceof java.net.SocketTimeoutException
                    || cause instanceof java.net.UnknownHostException || cause instanceof org.eclipse.angus.mail.util.MailConnectException) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null && text.length() < 400; cause = cause.getCause()) {
            if (!text.isEmpty()) {
                text.append(": ");
            }
            text.append(cause.getClass().getSimpleName());
            if (cause.getMessage() != null) {
                text.append(' ').append(cause.getMessage().strip());
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return text.toString();
    }
}
