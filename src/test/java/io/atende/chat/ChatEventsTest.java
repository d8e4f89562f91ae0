package io.atende.chat;

import java.time.Instant;
import java.util.List;

import io.atende.customer.CustomerLookup;
import io.atende.platform.DomainEvent;
import io.atende.platform.RuleViolationException;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The events webhooks subscribe to: one per change, named as docs/webhooks.md names them, none for a refused change. */
@ApiTest
@RecordApplicationEvents
class ChatEventsTest {

    @Autowired
    TestTenants tenants;

    @Autowired
    ChatManagement chats;

    @Autowired
    ApplicationEvents events;

    Tenant tenant;
    String department;
    String operator;

    @BeforeEach
    void newAccount() {
        tenant = tenants.create();
        department = tenant.admin().post("/department/new", "name", "Suporte").id();
        operator = tenant.admin().post("/operator/new", "name", "Ana", "email", "ana@example.com").id();
        tenant.admin().post("/department/operator/add", "department_id", department, "operator_id", operator);
        tenant.writer().post("/customer/new", "customer_id", "C-1", "name", "Carla");
    }

    @Test
    void publishesCreatedAcceptedMessageAndFinishedForTheChat() {
        var chat = open();
        chats.accept(tenant.accountId(), chat.id(), operator);
        chats.postMessage(tenant.accountId(), chat.id(), SenderType.OPERATOR, "olá", List.of());
        chats.finish(tenant.accountId(), chat.id());

        var published = events.stream(DomainEvent.class).filter(event -> event.subjectId().equals(chat.id())).toList();
        assertThat(published).extracting(DomainEvent::eventName)
                .containsExactly("chat.created", "chat.accepted", "chat.message", "chat.finished");
        assertThat(published).allSatisfy(event -> {
            assertThat(event.subjectType()).isEqualTo("chat");
            assertThat(event.accountId()).isEqualTo(tenant.accountId());
        });
    }

    @Test
    void publishesNothingForARefusedChange() {
        var chat = open();
        chats.finish(tenant.accountId(), chat.id());
        events.clear();

        assertThatThrownBy(() -> chats.accept(tenant.accountId(), chat.id(), operator)).isInstanceOf(RuleViolationException.class);
        assertThatThrownBy(() -> chats.postMessage(tenant.accountId(), chat.id(), SenderType.CUSTOMER, "oi?", List.of()))
                .isInstanceOf(RuleViolationException.class);
        assertThatThrownBy(() -> chats.finish(tenant.accountId(), chat.id())).isInstanceOf(RuleViolationException.class);

        assertThat(events.stream(DomainEvent.class).filter(event -> event.subjectId().equals(chat.id()))).isEmpty();
    }

    @Test
    void abandoningASilentChatFinishesItOnceHoweverManySweepsRun() {
        var chat = open();
        events.clear();

        assertThat(chats.abandonSilentChatsBefore(Instant.now().plusSeconds(1))).isPositive();

        assertThat(chats.get(tenant.accountId(), chat.id()).situation()).isEqualTo(ChatSituation.ABANDONED);
        assertThat(events.stream(ChatFinished.class).filter(event -> event.chatId().equals(chat.id()))).hasSize(1);
        // Another sweep, as another node would run it, finds nothing left to do for this chat.
        chats.abandonSilentChatsBefore(Instant.now().plusSeconds(1));
        assertThat(events.stream(ChatFinished.class).filter(event -> event.chatId().equals(chat.id()))).hasSize(1);
    }

    private ChatView open() {
        return chats.open(tenant.accountId(), new CustomerLookup("C-1", CustomerLookup.By.INTERNAL_ID_OR_ID), department, "oi");
    }
}
