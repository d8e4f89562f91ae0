package io.atende.chat;

import java.time.Duration;

import io.atende.support.ApiTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The node's one registry of live chat streams, shared by the API, the console and the widget. */
@ApiTest
class ChatEventStreamsTest {

    @Autowired
    ChatManagement chats;

    @Test
    void refusesAStreamBeyondTheNodesMaximumWhoeverAsksForIt() throws Exception {
        var streams = new ChatEventStreams(chats, Duration.ofMillis(50), Duration.ofSeconds(15), Duration.ofMinutes(1), 2);
        try {
            ChatEventStreams.Renderer renderer = event -> SseEmitter.event().data("x");
            streams.open("a".repeat(32), "b".repeat(32), 0, renderer);
            streams.open("a".repeat(32), "c".repeat(32), 0, renderer);
            assertThat(streams.openStreams()).isEqualTo(2);
            assertThatThrownBy(() -> streams.open("a".repeat(32), "d".repeat(32), 0, renderer))
                    .isInstanceOf(ChatStreamLimitException.class);
            assertThat(streams.openStreams()).isEqualTo(2);
        } finally {
            streams.destroy();
        }
    }
}
