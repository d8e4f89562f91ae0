package io.atende.customeraccess;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.atende.chat.ChatManagement;
import io.atende.chat.ChatView;
import io.atende.customer.CreateCustomer;
import io.atende.customer.CustomerLanguage;
import io.atende.customer.CustomerLookup;
import io.atende.customer.CustomerManagement;
import io.atende.department.DepartmentManagement;
import io.atende.platform.Actor;
import io.atende.platform.Actors;
import io.atende.platform.Ids;
import io.atende.platform.Inputs;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.ticket.OpenTicket;
import io.atende.ticket.TicketChannel;
import io.atende.ticket.TicketManagement;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Chats started from the widget: who the customer is (the portal customer signed in, or the
 * visitor, bound to a stored customer only when the website vouches for the e-mail), and the chat token the widget carries instead of a cookie. A
 * token opens one chat only, until it expires; only its hash is stored.
 */
@Service
public class WidgetChats {

    /** How long a widget keeps access to its chat (the transcript and the rating come after the end). */
    static final Duration TOKEN_VALIDITY = Duration.ofHours(12);
    /** The internal id of a visitor who typed an existing customer's e-mail without the site vouching for it. */
    static final String VISITOR_PREFIX = "visitor-";

    private final ChatManagement chats;
    private final CustomerManagement customers;
    private final DepartmentManagement departments;
    private final PortalRepository repository;
    private final WidgetIdentity identity;
    private final TicketManagement tickets;
    private final Clock clock;

    WidgetChats(ChatManagement chats, CustomerManagement customers, DepartmentManagement departments, PortalRepository repository,
                WidgetIdentity identity, TicketManagement tickets, Clock clock) {
        this.tickets = tickets;
        this.identity = identity;
        this.chats = chats;
        this.customers = customers;
        this.departments = departments;
        this.repository = repository;
        this.clock = clock;
    }

    public record Started(ChatView chat, String token, Instant expiresAt) {
    }

    /**
     * Who a visitor says they are: a name, an e-mail address and, when the account's website has
     * signed them in, its signature of that address ({@link WidgetIdentity}).
     */
    public record Visitor(String name, String email, String emailSignature, CustomerLanguage language) {
    }

    /**
     * Opens a chat for a visitor (see {@link #customerFor}). Invalid for a missing name, e-mail or
     * message or a signature that does not verify; not found for an unknown department.
     */
    @Transactional
    public Started startForVisitor(String accountId, String departmentId, Visitor visitor, String message) {
        Inputs.requiredText("message", message, 100_000);
        department(accountId, departmentId);
        return open(accountId, customerFor(accountId, visitor), departmentId, message);
    }

    /**
     * The customer a visitor speaks as. A verified visitor is the customer with that e-mail (a new
     * one if none). An unverified one never is an existing customer: a typed address that no
     * customer has yet makes a new customer; one that a customer has makes a separate visitor,
     * without an e-mail, known only by the name given, so nothing of the stored customer shows.
     */
    String customerFor(String accountId, Visitor visitor) {
        String cleanName = Inputs.requiredText("name", visitor.name(), 250);
        String address = Inputs.requiredEmail("email", visitor.email());
        boolean signed = visitor.emailSignature() != null && !visitor.emailSignature().isBlank();
        boolean verified = signed && identity.verifies(accountId, visitor.email(), visitor.emailSignature());
        if (signed && !verified) {
            throw new InvalidInputException("email_hash", "portal.widget.identity_not_verified");
        }
        var existing = customers.find(accountId, CustomerLookup.byEmail(address));
        if (existing.isPresent() && verified) {
            return existing.get().id();
        }
        if (existing.isPresent()) {
            return customers.create(accountId, new CreateCustomer(VISITOR_PREFIX + Ids.newId(), cleanName, null, null, null, null, null,
                    null, null, null, visitor.language(), null, null)).id();
        }
        return customers.create(accountId, new CreateCustomer(address, cleanName, address, null, null, null, null, verified ? true : null,
                null, null, visitor.language(), null, null)).id();
    }

    /**
     * Opens a ticket with the visitor's message in the department, for when no one is there to
     * chat: the customer is found as for a chat ({@link #customerFor}). Answers the ticket's protocol.
     */
    @Transactional
    public long leaveMessage(String accountId, String departmentId, Visitor visitor, String subject, String message) {
        Inputs.requiredText("message", message, 100_000);
        department(accountId, departmentId);
        String customerId = customerFor(accountId, visitor);
        // The visitor is the customer found or created for them just now.
        try (var acting = Actors.acting(Actor.customer(customerId, visitor.name().strip()))) {
            var opened = tickets.open(accountId, new OpenTicket(customerId, departmentId.strip(), null, subject, message, null, null,
                    null, null, null, null), TicketChannel.WIDGET);
            return opened.ticket().protocol();
        }
    }

    /** Opens a chat for the customer signed in to the portal. */
    @Transactional
    public Started startForCustomer(PortalCustomer customer, String departmentId, String message) {
        Inputs.requiredText("message", message, 100_000);
        department(customer.accountId(), departmentId);
        return open(customer.accountId(), customer.customerId(), departmentId, message);
    }

    /** The chat the token opens; not found for anything else (unknown chat, wrong or expired token). */
    @Transactional(readOnly = true)
    public ChatView verify(String accountId, String chatId, String token) {
        if (!Ids.isId(accountId) || !Ids.isId(chatId) || token == null || token.isBlank()) {
            throw new NotFoundException("chat.not_found", chatId);
        }
        var stored = repository.findWidgetChat(accountId, chatId).orElseThrow(() -> new NotFoundException("chat.not_found", chatId));
        if (!PortalSecrets.same((String) stored[0], PortalSecrets.hash(token)) || !((Instant) stored[1]).isAfter(clock.instant())) {
            throw new NotFoundException("chat.not_found", chatId);
        }
        return chats.get(accountId, chatId);
    }

    private void department(String accountId, String departmentId) {
        if (departmentId == null || departmentId.isBlank()) {
            throw new InvalidInputException("department", "parameter.required");
        }
        departments.getDepartment(accountId, departmentId.strip());
    }

    private Started open(String accountId, String customerId, String departmentId, String message) {
        var chat = chats.open(accountId, CustomerLookup.byInternalIdOrId(customerId), departmentId.strip(), message);
        String token = PortalSecrets.newSecret();
        var now = clock.instant();
        var expiresAt = now.plus(TOKEN_VALIDITY);
        repository.insertWidgetChat(accountId, chat.id(), PortalSecrets.hash(token), expiresAt, now);
        return new Started(chat, token, expiresAt);
    }
}
