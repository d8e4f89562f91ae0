package io.atende.automation;

import java.util.List;

/**
 * A rule judged against one ticket as it is now, without changing anything: each condition with whether it held and
 * the ticket's own value, whether the rule as a whole holds ({@code matchAll}: every condition; otherwise any; none
 * always holds), and the actions that would then run, in their order.
 *
 * @param matches whether the rule's actions would be applied to the ticket now
 */
public record RuleTestResult(String ticketId, long protocol, boolean matchAll, boolean matches, List<ConditionResult> conditions,
                             List<Action> actions) {

    /**
     * One condition judged.
     *
     * @param actual what the ticket has, in the domain's words as conditions use them (an id, a priority's or situation's
     *               name, the tags joined by ", ", a text shortened to 300 characters, hours with two decimals,
     *               {@code inside}/{@code outside} for business hours); null when it has nothing (no category, no operator
     *               reply yet)
     */
    public record ConditionResult(Condition condition, boolean holds, String actual) {
    }
}
