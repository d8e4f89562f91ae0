package io.atende.sla;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A service level: targets measured on a calendar ({@code calendarId} {@code null}: 24x7), for tickets meeting the
 * conditions. A warning is due when {@code warningPercent} of a target's time has passed.
 */
public record SlaPolicy(String id, String name, String calendarId, SlaConditions conditions, SlaTargets targets,
                        int warningPercent, int position, boolean active, Instant createdAt) {

    /** The order policies are tried in: by position, the older first on a tie. */
    public static final Comparator<SlaPolicy> ORDER = Comparator.comparingInt(SlaPolicy::position)
            .thenComparing(SlaPolicy::createdAt).thenComparing(SlaPolicy::id);

    /** The policy that applies to a ticket: the first active one in position order whose conditions it meets. */
    public static Optional<SlaPolicy> matching(List<SlaPolicy> policies, TicketTraits ticket) {
        return policies.stream().sorted(ORDER).filter(policy -> policy.active() && policy.conditions().matches(ticket)).findFirst();
    }
}
