package io.atende.live;

import java.time.Instant;

/**
 * One entry of the live log: something operators want to learn of at once.
 *
 * @param id           increases with each entry written (not necessarily in commit order across nodes)
 * @param subjectId    the ticket or chat
 * @param departmentId the ticket's or chat's department after the change
 * @param operatorId   the ticket's or chat's operator after the change, or {@code null}
 * @param actorId      the operator who made the change (or, for presence, who is there), or {@code null} for others
 * @param actorName    that operator's name, for presence
 * @param protocol     the ticket's or chat's protocol; 0 for presence
 * @param title        the ticket's subject, or {@code null}
 */
public record LiveEvent(long id, String accountId, Kind kind, String subjectId, String departmentId, String operatorId,
                        String actorId, String actorName, long protocol, String title, Instant createdAt) {

    public enum Kind {
        TICKET_CREATED,
        /** A customer's message on the ticket. */
        TICKET_CUSTOMER_REPLIED,
        /** An operator's message on the ticket. */
        TICKET_OPERATOR_REPLIED,
        /** The ticket got an operator ({@link #operatorId()}). */
        TICKET_ASSIGNED,
        TICKET_TRANSFERRED,
        TICKET_FINISHED,
        CHAT_QUEUED,
        CHAT_ACCEPTED,
        /** A chat was transferred or finished. */
        CHAT_CHANGED,
        /** An operator has the ticket's page open. */
        PRESENCE_VIEWING,
        /** An operator is writing a reply or comment on the ticket. */
        PRESENCE_REPLYING,
        /** An operator closed the ticket's page. */
        PRESENCE_LEFT;

        public boolean isPresence() {
            return this == PRESENCE_VIEWING || this == PRESENCE_REPLYING || this == PRESENCE_LEFT;
        }

        public boolean isChat() {
            return this == CHAT_QUEUED || this == CHAT_ACCEPTED || this == CHAT_CHANGED;
        }
    }

    /**
     * Whether an operator of {@code departments} may learn of this: the subject is in one of their departments or is
     * theirs. Nobody hears of their own presence.
     */
    public boolean visibleTo(String accountId, String operatorId, java.util.Set<String> departments) {
        if (!this.accountId.equals(accountId) || kind.isPresence() && operatorId.equals(actorId)) {
            return false;
        }
        return operatorId.equals(this.operatorId) || departmentId != null && departments.contains(departmentId);
    }
}
