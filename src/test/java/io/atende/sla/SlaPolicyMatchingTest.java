package io.atende.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.atende.ticket.Priority;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule that picks a ticket's policy: the first active one in position order whose conditions all match. */
class SlaPolicyMatchingTest {

    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    static final SlaTargets TARGETS = new SlaTargets(null, null, Duration.ofHours(8));

    static SlaPolicy policy(String id, int position, boolean active, SlaConditions conditions, Instant created) {
        return new SlaPolicy(id, id, null, conditions, TARGETS, 80, position, active, created);
    }

    @Test
    void positionDecidesThenAgeAndInactivePoliciesAreSkipped() {
        var any = SlaConditions.ANY;
        var policies = List.of(policy("late", 5, true, any, T), policy("younger", 2, true, any, T.plusSeconds(1)),
                policy("older", 2, true, any, T), policy("first-but-off", 1, false, any, T));

        assertThat(SlaPolicy.matching(policies, new TicketTraits(null, null, Priority.NORMAL, null))).map(SlaPolicy::id).contains("older");
        assertThat(SlaPolicy.matching(List.of(policy("off", 1, false, any, T)), new TicketTraits(null, null, Priority.NORMAL, null))).isEmpty();
    }

    @Test
    void aTicketMustMeetEveryConditionAndAnEmptyOneMatchesAll() {
        var strict = new SlaConditions("dep", "cat", Set.of(Priority.HIGH, Priority.URGENT), "org");

        assertThat(strict.matches(new TicketTraits("dep", "cat", Priority.URGENT, "org"))).isTrue();
        assertThat(strict.matches(new TicketTraits("dep", "cat", Priority.NORMAL, "org"))).isFalse();
        assertThat(strict.matches(new TicketTraits("other", "cat", Priority.HIGH, "org"))).isFalse();
        assertThat(strict.matches(new TicketTraits("dep", null, Priority.HIGH, "org"))).isFalse();
        assertThat(strict.matches(new TicketTraits("dep", "cat", Priority.HIGH, null))).isFalse();
        assertThat(SlaConditions.ANY.matches(new TicketTraits(null, null, null, null))).isTrue();
        var byPriority = new SlaConditions(null, null, Set.of(Priority.LOW), null);
        assertThat(byPriority.matches(new TicketTraits("dep", "cat", Priority.LOW, "org"))).isTrue();
    }
}
