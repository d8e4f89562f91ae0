package io.atende.support;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.internet.MimeMessage;

/**
 * Real mail servers inside the test JVM (GreenMail), started once and shared by every mail test:
 * an SMTP server that the application sends through, and an IMAPS server holding the mailboxes
 * it reads. The SMTP server can be stopped and started again on the same port, to play an outage.
 * Tests keep apart by using addresses of their own domain.
 */
public final class MailServers {

    private static GreenMail smtp;
    private static GreenMail imaps;
    private static int smtpPort;

    private MailServers() {
    }

    /** The properties that point the application at these servers (SMTP on, mailboxes read, IMAPS certificates trusted). */
    public static synchronized List<String> properties() {
        start();
        return List.of("atende.mail.smtp.host=127.0.0.1", "atende.mail.smtp.port=" + smtpPort, "atende.mail.smtp.security=none",
                "atende.mail.smtp.from=atende@desk.test", "atende.mail.ssl-trust=*", "atende.mail.inbound.enabled=true",
                // Small, so that a test sends files past it without megabytes of data.
                "atende.mail.attachment-limit=64KB");
    }

    public static synchronized int imapsPort() {
        start();
        return imaps.getImaps().getPort();
    }

    public static synchronized GreenMail imaps() {
        start();
        return imaps;
    }

    /** Creates (or resets the password of) a mailbox on the IMAPS server. */
    public static synchronized void mailbox(String address, String password) {
        start();
        imaps.setUser(address, address, password);
    }

    /** Stops accepting SMTP connections, as a mail server that is down. */
    public static synchronized void stopSmtp() {
        smtp.stop();
    }

    /** Accepts SMTP again, on the same port; what was received before the outage is forgotten. */
    public static synchronized void startSmtp() {
        smtp = new GreenMail(patient(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)));
        smtp.start();
    }

    /** Messages the SMTP server received for any recipient of the domain. */
    public static synchronized List<MimeMessage> receivedFor(String domain) {
        return Arrays.asList(smtp.getReceivedMessagesForDomain(domain));
    }

    /** Waits until the domain's received messages satisfy the condition; fails after 60 seconds. */
    public static List<MimeMessage> awaitFor(String domain, Predicate<List<MimeMessage>> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            var received = receivedFor(domain);
            if (condition.test(received)) {
                return received;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Mail for " + domain + " did not arrive as expected; received " + received.size());
            }
            pause(50);
        }
    }

    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError(interrupted);
        }
    }

    private static ServerSetup patient(ServerSetup setup) {
        setup.setServerStartupTimeout(30_000);
        return setup;
    }

    private static void start() {
        if (smtp != null) {
            return;
        }
        smtp = new GreenMail(patient(ServerSetupTest.SMTP.dynamicPort()));
        smtp.start();
        smtpPort = smtp.getSmtp().getPort();
        // Creating the TLS key takes a while on a busy machine.
        imaps = new GreenMail(patient(ServerSetupTest.IMAPS.dynamicPort()));
        imaps.start();
    }
}
