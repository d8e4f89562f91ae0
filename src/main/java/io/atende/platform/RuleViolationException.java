package io.atende.platform;

/** A business rule refuses the operation in the current state (already linked, duplicate, ...). */
public class RuleViolationException extends AtendeException {

    /** @param messageKey key of the localized message, e.g. {@code operator.has_linked_work} */
    public RuleViolationException(String messageKey, Object... arguments) {
        super(messageKey, arguments);
    }

    @Override
    public Refusal refusal() {
        return Refusal.RULE_VIOLATION;
    }
}
