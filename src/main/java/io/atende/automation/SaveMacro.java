package io.atende.automation;

import java.util.List;

/**
 * What a macro is made of when created or replaced.
 *
 * @param reply      the reply to the customer, with placeholders; {@code null} or blank for none
 * @param operatorId the operator whose own macro it is; {@code null} shares it with every operator
 */
public record SaveMacro(String name, String reply, List<Action> actions, String operatorId) {
}
