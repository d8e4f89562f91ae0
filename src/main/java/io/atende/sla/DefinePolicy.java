package io.atende.sla;

/**
 * A policy's full definition; {@code position} {@code null} puts a new policy after the others (an update keeps its
 * place). Targets must include at least one.
 */
public record DefinePolicy(String name, String calendarId, SlaConditions conditions, SlaTargets targets, int warningPercent,
                           Integer position, boolean active) {

    public static final int DEFAULT_WARNING_PERCENT = 80;
}
