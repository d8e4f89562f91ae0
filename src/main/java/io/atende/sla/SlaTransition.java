package io.atende.sla;

import java.time.Instant;

/**
 * Something that happened to a ticket and moves its SLA clocks, as recorded in order: the clocks are computed from
 * these alone ({@link SlaClock}).
 *
 * @param policyId on {@link Kind#OPENED} and {@link Kind#POLICY_APPLIED}: the policy that applies from then on,
 *                 {@code null} for none; otherwise {@code null}
 */
public record SlaTransition(Instant occurredAt, Kind kind, String policyId) {

    public enum Kind {
        /** The ticket opened: the first-reply and resolution clocks start. */
        OPENED,
        /** A change of department, category, priority or organization made another policy (or none) apply. */
        POLICY_APPLIED,
        /** An operator replied to the customer: stops the first-reply and next-reply clocks. */
        OPERATOR_REPLIED,
        /** The customer replied: starts a next-reply clock once the ticket has had its first reply. */
        CUSTOMER_REPLIED,
        /** The ticket began waiting for the customer, or a status that pauses the clocks opened. */
        PAUSED,
        /** What paused the clocks ended. */
        RESUMED,
        /** The ticket was finished: every running clock stops with its verdict. */
        FINISHED,
        /** The ticket was cancelled: every running clock stops without a verdict. */
        CANCELLED,
        /** The ticket was reopened: the resolution clock runs again from the business time it had counted. */
        REOPENED
    }

    public SlaTransition(Instant occurredAt, Kind kind) {
        this(occurredAt, kind, null);
    }
}
