package io.atende.sla;

import java.time.Duration;

/** The promised business time to a first reply, to each next reply and to resolution; {@code null}: no promise. */
public record SlaTargets(Duration firstReply, Duration nextReply, Duration resolution) {
}
