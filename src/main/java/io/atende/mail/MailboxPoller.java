package io.atende.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;

import io.atende.platform.LeaseHolders;
import io.atende.platform.Worker;
import io.atende.platform.Workers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the mailboxes. Runs on every node: each tick it looks for mailboxes due to be read and
 * takes one with a lease in the database, so one node at a time reads a mailbox; it reads the
 * messages after the last UID it recorded, hands each to the {@link InboundProcessor}, and moves
 * the recorded UID forward after each. A node that dies mid-read leaves a lease that expires;
 * the next reader starts after the last recorded UID, and messages recorded as processed (by
 * Message-ID) are not taken twice.
 */
@Component
class MailboxPoller implements Worker.Owner {

    private static final Logger log = LoggerFactory.getLogger(MailboxPoller.class);
    private static final int MAILBOXES_PER_ROUND = 5;

    private final MailRepository repository;
    private final InboundProcessor processor;
    private final MailProperties properties;
    private final Clock clock;
    private final String node = LeaseHolders.newName();
    private final Worker worker;

    MailboxPoller(MailRepository repository, InboundProcessor processor, MailProperties properties, Clock clock, Workers workers) {
        this.repository = repository;
        this.processor = processor;
        this.properties = properties;
        this.clock = clock;
        this.worker = workers.create(new Worker.Settings("mail-poller", properties.inbound().tick(), MAILBOXES_PER_ROUND,
                Duration.ofSeconds(10)), this::readDueMailboxes);
    }

    @Override
    public void start() {
        if (properties.inbound().enabled()) {
            worker.start();
        }
    }

    @Override
    public Worker worker() {
        return worker;
    }

    /** Reads the mailboxes due now that this node can lease; a full round means more may be due. */
    private int readDueMailboxes() {
        int read = 0;
        for (String[] due : repository.dueMailboxes(clock.instant(), MAILBOXES_PER_ROUND)) {
            if (worker.stopping()) {
                break;
            }
            Instant now = clock.instant();
            if (repository.lease(due[0], due[1], node, now, now.plus(properties.inbound().lease()))) {
                repository.findMailbox(due[0], due[1]).ifPresent(this::read);
                read++;
            }
        }
        return read;
    }

    /** Reads one leased mailbox and gives the lease back, with the error if the server could not be read. */
    void read(MailRepository.Mailbox mailbox) {
        String error = null;
        try {
            readMessages(mailbox);
        } catch (MessagingException | RuntimeException failure) {
            error = failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : " " + failure.getMessage());
            log.info("Mailbox {} ({}) could not be read: {}", mailbox.id(), mailbox.address(), error);
        } finally {
            Instant now = clock.instant();
            repository.release(mailbox.accountId(), mailbox.id(), node, now, now.plus(properties.inbound().interval()), error);
        }
    }

    private void readMessages(MailRepository.Mailbox mailbox) throws MessagingException {
        boolean ssl = mailbox.security() == MailboxSecurity.SSL;
        String protocol = ssl ? "imaps" : "imap";
        Properties settings = new Properties();
        String prefix = "mail." + protocol + ".";
        long timeout = properties.inbound().timeout().toMillis();
        settings.put(prefix + "connectiontimeout", String.valueOf(timeout));
        settings.put(prefix + "timeout", String.valueOf(timeout));
        settings.put(prefix + "writetimeout", String.valueOf(timeout));
        if (!ssl) {
            settings.put(prefix + "starttls.enable", "true");
            settings.put(prefix + "starttls.required", "true");
        }
        if (properties.sslTrust() != null && !properties.sslTrust().isBlank()) {
            settings.put(prefix + "ssl.trust", properties.sslTrust());
            settings.put(prefix + "ssl.checkserveridentity", "false");
        } else {
            settings.put(prefix + "ssl.checkserveridentity", "true");
        }
        String secret = mailbox.password();
        if (mailbox.accessToken() != null) {
            settings.put(prefix + "auth.mechanisms", "XOAUTH2");
            secret = mailbox.accessToken();
        }
        // Many clients send raw UTF-8 headers (RFC 6532) instead of encoded words.
        settings.put("mail.mime.allowutf8", "true");
        Session session = Session.getInstance(settings);
        try (Store store = session.getStore(protocol)) {
            store.connect(mailbox.host(), mailbox.port(), mailbox.username(), secret);
            Folder folder = store.getFolder(mailbox.folder());
            folder.open(Folder.READ_WRITE);
            try {
                readFolder(mailbox, folder);
            } finally {
                folder.close(false);
            }
        }
    }

    private void readFolder(MailRepository.Mailbox mailbox, Folder folder) throws MessagingException {
        UIDFolder uids = (UIDFolder) folder;
        long validity = uids.getUIDValidity();
        // A new UIDVALIDITY means the server renumbered the folder: read it again; recorded Message-IDs keep it from counting twice.
        long from = mailbox.uidValidity() != null && mailbox.uidValidity() == validity ? mailbox.lastUid() + 1 : 1;
        Message[] found = uids.getMessagesByUID(from, UIDFolder.LASTUID);
        List<Message> messages = Arrays.stream(found).filter(message -> uid(uids, message) >= from)
                .sorted(Comparator.comparingLong(message -> uid(uids, message)))
                .limit(properties.inbound().maxPerPoll()).toList();
        for (Message message : messages) {
            if (worker.stopping()) {
                return;
            }
            long uid = uid(uids, message);
            String fallbackKey = mailbox.id() + ":" + validity + ":" + uid;
            byte[] raw;
            try {
                var bytes = new java.io.ByteArrayOutputStream();
                message.writeTo(bytes);
                raw = bytes.toByteArray();
            } catch (java.io.IOException failure) {
                throw new MessagingException("message " + uid + " could not be fetched", failure);
            }
            ParsedMail parsed;
            try {
                parsed = MimeReader.read(new MimeMessage(message.getSession(), new java.io.ByteArrayInputStream(raw)));
            } catch (MessagingException | java.io.IOException | RuntimeException unreadable) {
                // A broken MIME structure (a boundary that never appears, say) is recorded as failed with the message as it came.
                log.info("Message {} of mailbox {} is unreadable: {}", uid, mailbox.id(), unreadable.toString());
                processor.recordUnreadable(mailbox, raw, fallbackKey, unreadable);
                parsed = null;
            }
            if (parsed != null) {
                processor.process(mailbox, parsed, fallbackKey, raw);
            }
            message.setFlag(Flags.Flag.SEEN, true);
            if (!repository.advance(mailbox.accountId(), mailbox.id(), node, validity, uid)) {
                return;  // the lease was taken over: the other node goes on from the recorded UID
            }
        }
    }

    private static long uid(UIDFolder folder, Message message) {
        try {
            return folder.getUID(message);
        } catch (MessagingException failure) {
            throw new IllegalStateException(failure);
        }
    }
}
