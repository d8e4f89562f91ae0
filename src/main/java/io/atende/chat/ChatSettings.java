package io.atende.chat;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param abandonAfter  a queued chat whose customer stays silent this long is abandoned (situation 4)
 * @param sweepInterval how often each node looks for such chats
 */
@ConfigurationProperties("atende.chat")
record ChatSettings(@DefaultValue("10m") Duration abandonAfter, @DefaultValue("30s") Duration sweepInterval) {
}
