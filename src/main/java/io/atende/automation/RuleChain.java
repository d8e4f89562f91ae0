package io.atende.automation;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules whose actions are running in this thread, outermost first, so that the events their changes publish
 * remember them: those events fire none of these rules again, and a chain ends after {@link #MAX_DEPTH} rules.
 */
final class RuleChain {

    /** How many rules a chain of changes may pass through: events of a change made at this depth fire no rule. */
    static final int MAX_DEPTH = 5;

    private static final ThreadLocal<List<String>> CURRENT = new ThreadLocal<>();

    private RuleChain() {
    }

    /** The rules that led to the changes being made now; empty for a person's or the system's change. */
    static List<String> current() {
        List<String> rules = CURRENT.get();
        return rules == null ? List.of() : rules;
    }

    /** Runs {@code work} as the rule {@code ruleId} reached through {@code before}. */
    static void running(List<String> before, String ruleId, Runnable work) {
        List<String> previous = CURRENT.get();
        List<String> rules = new ArrayList<>(before);
        rules.add(ruleId);
        CURRENT.set(List.copyOf(rules));
        try {
            work.run();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
