package io.atende.sla;

/** A policy as a clock measures by it: its targets, counted on its calendar, and the share of each that warns. */
public record SlaMeasure(String policyId, BusinessCalendar calendar, SlaTargets targets, int warningPercent) {
}
