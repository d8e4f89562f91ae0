package io.atende.automation;

import java.util.Locale;

/** The two kinds of rule: triggers run on a ticket's events, automations on the clock. */
enum RuleKind {
    TRIGGER, AUTOMATION;

    /** The kind as stored and as the audit log's actions begin ({@code trigger.created}). */
    String stored() {
        return name().toLowerCase(Locale.ROOT);
    }
}
