package io.atende.automation;

import java.util.List;

/** What an administrator sets of a trigger or automation (an automation has no events); {@code position} null places a new trigger last and keeps an existing one's. */
public record SaveRule(String name, List<String> events, boolean matchAll, List<Condition> conditions, List<Action> actions,
                       Integer position, boolean active) {
}
