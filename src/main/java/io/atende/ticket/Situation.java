package io.atende.ticket;

import java.util.Optional;

/** A ticket's situation. Open means every one but cancelled and finished. */
public enum Situation {
    NO_OPERATOR(0), NOT_STARTED(1), AWAITING_CUSTOMER(2), AWAITING_OPERATOR(3), CANCELLED(4), FINISHED(5),
    OPERATOR_CHANGED(6), SENT_TO_SUPPORT_TEAM(7), AWAITING_FINISH_APPROVAL(8), AWAITING_CANCEL_APPROVAL(9),
    AWAITING_MANAGER_EVALUATION(10), AWAITING_CUSTOMER_APPROVAL(11);

    private final int code;

    Situation(int code) {
        this.code = code;
    }

    /** The code the ticket table stores for this situation. */
    public int code() {
        return code;
    }

    public boolean isOpen() {
        return this != CANCELLED && this != FINISHED;
    }

    /** The situation the ticket table stores with this code. */
    public static Optional<Situation> of(int code) {
        for (var situation : values()) {
            if (situation.code == code) {
                return Optional.of(situation);
            }
        }
        return Optional.empty();
    }
}
