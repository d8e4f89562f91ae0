package io.atende.sla;

/** A policy as a clock measures by it: its targets, counted on its calendar. */
public record SlaMeasure(String policyId, BusinessCalendar calendar, SlaTargets targets) {
}
