package io.atende.chat;

import java.time.Duration;

import io.atende.platform.Workers;
import io.atende.support.ApiTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The node's one registry of live chat streams, shared by the API, the console and the widget. */
@ApiTest
class ChatEventStreamsTest {

    static final String ACCOUNT = "a".repeat(32);
    static final String OTHER_ACCOUNT = "e".repeat(32);
    static final ChatEventStreams.Renderer RENDERER = event -> SseEmitter.event().data("x");

    @Autowired
    ChatManagement chats;

    @Autowired
    Workers workers;

    @Test
    void refusesAStreamBeyondTheNodesMaximumWhoeverAsksForIt() throws Exception {
        var streams = streams(2, new ChatEventStreams.StreamLimits(10, 10, 10));
        try {
            streams.open(ACCOUNT, "b".repeat(32), 0, RENDERER);
            streams.open(ACCOUNT, "c".repeat(32), 0, RENDERER);
            assertThat(streams.openStreams()).isEqualTo(2);
            assertThatThrownBy(() -> streams.open(ACCOUNT, "d".repeat(32), 0, RENDERER))
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
            streams.open(ACCOUNT, "b".repeat(32), 0, visitor, RENDERER);
            streams.open(ACCOUNT, "b".repeat(32), 0, visitor, RENDERER);
            assertThat(limitReached(streams, ACCOUNT, "b".repeat(32), visitor)).isEqualTo(ChatStreamLimitException.Limit.CHAT);

            streams.open(ACCOUNT, "c".repeat(32), 0, visitor, RENDERER);
            assertThat(limitReached(streams, OTHER_ACCOUNT, "d".repeat(32), visitor)).isEqualTo(ChatStreamLimitException.Limit.ADDRESS);
            assertThat(streams.openStreams()).isEqualTo(3);

            // Another visitor, the operators and the API still get theirs.
            streams.open(ACCOUNT, "b".repeat(32), 0, RENDERER);
            streams.open(ACCOUNT, "d".repeat(32), 0, new ChatEventStreams.Reader.Visitor("198.51.100.1"), RENDERER);
        } finally {
            streams.stop();
        }
    }

    @Test
    void oneAccountsVisitorsCannotTakeTheNodeNorItsOwnOperatorsPlaces() throws Exception {
        var streams = streams(100, new ChatEventStreams.StreamLimits(2, 100, 3));
        try {
            for (int i = 0; i < 3; i++) {
                streams.open(ACCOUNT, Integer.toString(i).repeat(32), 0, new ChatEventStreams.Reader.Visitor("192.0.2." + i), RENDERER);
            }
            assertThat(limitReached(streams, ACCOUNT, "f".repeat(32), new ChatEventStreams.Reader.Visitor("192.0.2.9")))
                    .isEqualTo(ChatStreamLimitException.Limit.ACCOUNT);
            streams.open(OTHER_ACCOUNT, "f".repeat(32), 0, new ChatEventStreams.Reader.Visitor("192.0.2.9"), RENDERER);
            for (int i = 0; i < 3; i++) {
                streams.open(ACCOUNT, Integer.toString(i).repeat(32), 0, RENDERER);
            }
            assertThatThrownBy(() -> streams.open(ACCOUNT, "f".repeat(32), 0, RENDERER))
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
            streams.open(account, chat, 0, reader, RENDERER);
        } catch (ChatStreamLimitException refused) {
            assertThat(streams.openStreams()).isEqualTo(before);
            return refused.limit();
        }
        throw new AssertionError("the stream was opened");
    }
}
