package io.atende.chat;

import java.time.Duration;

import io.atende.platform.Workers;
import io.atende.support.ApiTest;

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
