package io.atende.portal;

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
import io.atende.platform.Ids;
import io.atende.platform.Inputs;
import io.atende.platform.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Chats started from the widget: who the customer is (the portal customer signed in, or the name
 * and e-mail the visitor gives), and the chat token the widget carries instead of a cookie. A
 * token opens one chat only, until it expires; only its hash is stored.
 */
@Service
class WidgetChats {

    /** How long a widget keeps access to its chat (the transcript and the rating come after the end). */
    static final Duration TOKEN_VALIDITY = Duration.ofHours(12);

    private final ChatManagement chats;
    private final CustomerManagement customers;
    private final DepartmentManagement departments;
    private final PortalRepository repository;
    private final Clock clock;

    WidgetChats(ChatManagement chats, CustomerManagement customers, DepartmentManagement departments, PortalRepository repository,
                Clock clock) {
        this.chats = chats;
        this.customers = customers;
        this.departments = departments;
        this.repository = repository;
        this.clock = clock;
    }

    record Started(ChatView chat, String token, Instant expiresAt) {
    }

    /**
     * Opens a chat for a visitor: the customer with this e-mail, or a new one with this name.
     * 400 for a missing name, e-mail or message; 404 for an unknown department.
     */
    @Transactional
    Started startForVisitor(String accountId, String departmentId, String name, String email, String message, CustomerLanguage language) {
        String cleanName = Inputs.requiredText("name", name, 250);
        String address = Inputs.requiredEmail("email", email);
        Inputs.requiredText("message", message, 100_000);
        department(accountId, departmentId);
        var customer = customers.find(accountId, CustomerLookup.byEmail(address))
                .orElseGet(() -> customers.create(accountId, new CreateCustomer(address, cleanName, address, null, null, null,
                        null, null, null, null, language, null, null)));
        return open(accountId, customer.id(), departmentId, message);
    }

    /** Opens a chat for the customer signed in to the portal. */
    @Transactional
    Started startForCustomer(PortalCustomer customer, String departmentId, String message) {
        Inputs.requiredText("message", message, 100_000);
        department(customer.accountId(), departmentId);
        return open(customer.accountId(), customer.customerId(), departmentId, message);
    }

    /** The chat the token opens; 404 for anything else (unknown chat, wrong or expired token). */
    @Transactional(readOnly = true)
    ChatView verify(String accountId, String chatId, String token) {
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
            throw new io.atende.platform.InvalidInputException("department", "parameter.required");
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
