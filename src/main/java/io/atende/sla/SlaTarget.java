package io.atende.sla;

import java.time.Duration;

/** What a policy promises a time for: the first reply, each next reply, and the resolution. */
public enum SlaTarget {
    FIRST_REPLY, NEXT_REPLY, RESOLUTION;

    /** The business time the targets promise for this one, {@code null} when they promise none. */
    Duration of(SlaTargets targets) {
        return switch (this) {
            case FIRST_REPLY -> targets.firstReply();
            case NEXT_REPLY -> targets.nextReply();
            case RESOLUTION -> targets.resolution();
        };
    }
}
