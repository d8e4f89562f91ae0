package io.atende.chat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.atende.customer.CustomerLookup;
import io.atende.platform.Workers;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The node's one registry of live chat streams, shared by the API, the console and the widget. */
@ApiTest
class ChatEventStreamsTest {

    static final String ACCOUNT = "a".repeat(32);
    static final String OTHER_ACCOUNT = "e".repeat(32);
    static final ChatEventListener LISTENER = ChatEventListener.of(event -> { }, () -> { }, failure -> { });

    @Autowired
    ChatManagement chats;

    @Autowired
    Workers workers;

    @Autowired
    TestTenants tenants;

    @Test
    void tellsItsListenerEveryEventAfterItsCursorInOrderThenThatItIsIdleUntilCancelledOrTheNodeStops() throws Exception {
        var tenant = tenants.create();
        String department = tenant.admin().post("/department/new", "name", "Suporte").id();
        tenant.writer().post("/customer/new", "customer_id", "C-1", "name", "Carla");
        var chat = chats.open(tenant.accountId(), new CustomerLookup("C-1", CustomerLookup.By.INTERNAL_ID_OR_ID), department, "oi");
        var streams = new ChatEventStreams(chats, Duration.ofMillis(20), Duration.ofMillis(300), Duration.ofMinutes(1), 10,
                new ChatEventStreams.StreamLimits(10, 10, 10), workers);
        streams.start();
        try {
            BlockingQueue<Object> heard = new LinkedBlockingQueue<>();
            var subscription = streams.subscribe(tenant.accountId(), chat.id(), 0,
                    ChatEventListener.of(heard::add, () -> heard.add("idle"), failure -> heard.add("end")));
            chats.postMessage(tenant.accountId(), chat.id(), SenderType.CUSTOMER, "tudo bem?", List.of());

            long seq = 0;
            ChatEventView event = null;
            while (event == null || event.message() == null || !event.message().body().equals("tudo bem?")) {
                Object next = heard.poll(10, TimeUnit.SECONDS);
                assertThat(next).as("what follows seq " + seq).isNotNull().isNotEqualTo("end");
                if (next instanceof ChatEventView delivered) {
                    event = delivered;
                    assertThat(event.seq()).isEqualTo(++seq);
                }
            }
            assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo("idle");

            subscription.cancel();
            subscription.cancel();
            assertThat(streams.openStreams()).isZero();
            heard.clear();
            assertThat(heard.poll(700, TimeUnit.MILLISECONDS)).as("nothing after cancel").isNull();

            streams.subscribe(tenant.accountId(), chat.id(), seq, ChatEventListener.of(heard::add, () -> { }, failure -> heard.add("end")));
            streams.stop();
            assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo("end");
            assertThat(streams.openStreams()).isZero();
        } finally {
            streams.stop();
        }
    }

    @Test
    void refusesAStreamBeyondTheNodesMaximumWhoeverAsksForIt() throws Exception {
        var streams = streams(2, new ChatEventStreams.StreamLimits(10, 10, 10));
        try {
            streams.subscribe(ACCOUNT, "b".repeat(32), 0, LISTENER);
            streams.subscribe(ACCOUNT, "c".repeat(32), 0, LISTENER);
            assertThat(streams.openStreams()).isEqualTo(2);
            assertThatThrownBy(() -> streams.subscribe(ACCOUNT, "d".repeat(32), 0, LISTENER))
                    .isInstanceOf(ChatStreamLimitException.class)
                    .extracting(failure -> ((ChatStreamLimitException) failure).limit()).isEqualTo(ChatStreamLimitException.Limit.NODE);
            assertThat(streams.openStreams()).isEqualTo(2);
        } finally {
            streams.stop();
        }
    }

    @Test
    void oneVisitorGetsAFewStreamsOfAChatAndOfAllChatsFromItsAddressNeverTheNodesWholeBudget() throws Exception {
        var streams = streams(100, new ChatEventStreams.StreamLimits(2, 3, 50));
        try {
            var visitor = new ChatEventStreams.Reader.Visitor("203.0.113.7");
            streams.subscribe(ACCOUNT, "b".repeat(32), 0, visitor, LISTENER);
            streams.subscribe(ACCOUNT, "b".repeat(32), 0, visitor, LISTENER);
            assertThat(limitReached(streams, ACCOUNT, "b".repeat(32), visitor)).isEqualTo(ChatStreamLimitException.Limit.CHAT);

            streams.subscribe(ACCOUNT, "c".repeat(32), 0, visitor, LISTENER);
            assertThat(limitReached(streams, OTHER_ACCOUNT, "d".repeat(32), visitor)).isEqualTo(ChatStreamLimitException.Limit.ADDRESS);
            assertThat(streams.openStreams()).isEqualTo(3);

            // Another visitor, the operators and the API still get theirs.
            streams.subscribe(ACCOUNT, "b".repeat(32), 0, LISTENER);
            streams.subscribe(ACCOUNT, "d".repeat(32), 0, new ChatEventStreams.Reader.Visitor("198.51.100.1"), LISTENER);
        } finally {
            streams.stop();
        }
    }

    @Test
    void oneAccountsVisitorsCannotTakeTheNodeNorItsOwnOperatorsPlaces() throws Exception {
        var streams = streams(100, new ChatEventStreams.StreamLimits(2, 100, 3));
        try {
            for (int i = 0; i < 3; i++) {
                streams.subscribe(ACCOUNT, Integer.toString(i).repeat(32), 0, new ChatEventStreams.Reader.Visitor("192.0.2." + i), LISTENER);
            }
            assertThat(limitReached(streams, ACCOUNT, "f".repeat(32), new ChatEventStreams.Reader.Visitor("192.0.2.9")))
                    .isEqualTo(ChatStreamLimitException.Limit.ACCOUNT);
            streams.subscribe(OTHER_ACCOUNT, "f".repeat(32), 0, new ChatEventStreams.Reader.Visitor("192.0.2.9"), LISTENER);
            for (int i = 0; i < 3; i++) {
                streams.subscribe(ACCOUNT, Integer.toString(i).repeat(32), 0, LISTENER);
            }
            assertThatThrownBy(() -> streams.subscribe(ACCOUNT, "f".repeat(32), 0, LISTENER))
                    .isInstanceOf(ChatStreamLimitException.class)
                    .extracting(failure -> ((ChatStreamLimitException) failure).limit()).isEqualTo(ChatStreamLimitException.Limit.ACCOUNT);
            assertThat(streams.openStreams()).isEqualTo(7);
        } finally {
            streams.stop();
        }
    }

    private ChatEventStreams streams(int maxOpen, ChatEventStreams.StreamLimits limits) {
        return new ChatEventStreams(chats, Duration.ofMillis(50), Duration.ofSeconds(15), Duration.ofMinutes(1), maxOpen, limits, workers);
    }

    private static ChatStreamLimitException.Limit limitReached(ChatEventStreams streams, String account, String chat,
                                                               ChatEventStreams.Reader reader) {
        int before = streams.openStreams();
        try {
            streams.subscribe(account, chat, 0, reader, LISTENER);
        } catch (ChatStreamLimitException refused) {
            assertThat(streams.openStreams()).isEqualTo(before);
            return refused.limit();
        }
        throw new AssertionError("the stream was opened");
    }
}
