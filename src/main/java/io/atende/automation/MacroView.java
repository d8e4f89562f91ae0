package io.atende.automation;

import java.time.Instant;
import java.util.List;

/**
 * A macro: a reply (with placeholders, or {@code null}) and actions, applied to a ticket in one step.
 *
 * @param operatorId the operator whose own macro it is, or {@code null} for a macro shared by every operator
 */
public record MacroView(String id, String name, String reply, List<Action> actions, String operatorId, Instant createdAt,
                        Instant updatedAt) {

    public boolean shared() {
        return operatorId == null;
    }

    /** Whether the operator may use the macro: a shared one, or their own. */
    public boolean usableBy(String operator) {
        return operatorId == null || operatorId.equals(operator);
    }
}
