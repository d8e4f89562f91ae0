package io.atende.ticket;

/** What a ticket message is; all but comments are visible to the customer. */
public enum MessageKind {
    OPENING(false), OPERATOR(true), CUSTOMER(false), COMMENT(true), FINISH(true), CANCEL(true), REOPEN(false);

    private final boolean byOperator;

    MessageKind(boolean byOperator) {
        this.byOperator = byOperator;
    }

    /** Whether the operator side wrote it (else the customer). */
    public boolean byOperator() {
        return byOperator;
    }

    public boolean isComment() {
        return this == COMMENT;
    }
}
