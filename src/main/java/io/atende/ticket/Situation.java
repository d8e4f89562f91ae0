package io.atende.ticket;

/** A ticket's situation. Open means every one but cancelled and finished. */
public enum Situation {
    NO_OPERATOR, NOT_STARTED, AWAITING_CUSTOMER, AWAITING_OPERATOR, CANCELLED, FINISHED, OPERATOR_CHANGED,
    SENT_TO_SUPPORT_TEAM, AWAITING_FINISH_APPROVAL, AWAITING_CANCEL_APPROVAL, AWAITING_MANAGER_EVALUATION,
    AWAITING_CUSTOMER_APPROVAL;

    public boolean isOpen() {
        return this != CANCELLED && this != FINISHED;
    }
}
