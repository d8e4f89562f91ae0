package io.atende.support;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import io.atende.account.AccountManagement;
import io.atende.mail.InboundView;
import io.atende.mail.MailManagement;
import io.atende.platform.PageRequest;
import io.atende.ticket.TicketManagement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of tests that need the e-mail channel switched on: the real server with SMTP pointing at
 * {@link MailServers}. Every subclass shares one application context (the dynamic properties are
 * declared here once), separate from the other API tests, which run without SMTP. It offers what most of them use:
 * accounts, tickets and the mail channel, and waiting for the messages a mailbox reads.
 */
@ApiTest
public abstract class MailTest {

    @Autowired
    protected TestTenants tenants;
    @Autowired
    protected AccountManagement accounts;
    @Autowired
    protected MailManagement mail;
    @Autowired
    protected TicketManagement tickets;

    @DynamicPropertySource
    static void mailServers(DynamicPropertyRegistry registry) {
        for (String property : MailServers.properties()) {
            int equals = property.indexOf('=');
            registry.add(property.substring(0, equals), () -> property.substring(equals + 1));
        }
    }

    /**
     * The messages the account's mailboxes have read, newest first, once the condition holds of them and none is
     * still being processed; fails the test after a minute.
     */
    protected List<InboundView> awaitInbound(String accountId, Predicate<List<InboundView>> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            var received = mail.received(accountId, PageRequest.of(1)).items();
            if (condition.test(received) && received.stream().noneMatch(view -> view.outcome().equals("processing"))) {
                return received;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Messages read: " + received);
            }
            MailServers.pause(50);
        }
    }
}
