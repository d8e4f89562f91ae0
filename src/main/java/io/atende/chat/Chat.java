package io.atende.chat;

import java.time.Duration;
import java.time.Instant;

import io.atende.platform.RuleViolationException;

/**
 * The state of one chat and the transitions it allows; each refuses a change its situation
 * does not permit, so no caller can move a chat along an illegal path. Loaded under the chat's
 * row lock, so the state checked is the state changed.
 */
record Chat(String id, long protocol, ChatSituation situation, String customerId, String departmentId, String operatorId,
            Instant createdAt, Instant startedAt, Instant endedAt, Instant lastCustomerActivityAt, int unreadMessages,
            Integer evaluationGrade, String evaluationComment, long lastEventSeq) {

    static Chat open(String id, long protocol, String customerId, String departmentId, Instant now) {
        return new Chat(id, protocol, ChatSituation.QUEUED, customerId, departmentId, null, now, null, null, now, 0, null, null, 0);
    }

    Chat accept(String operator, Instant now) {
        if (situation != ChatSituation.QUEUED) {
            throw new RuleViolationException("chat.already_taken");
        }
        return new Chat(id, protocol, ChatSituation.IN_PROGRESS, customerId, departmentId, operator, createdAt, now, null,
                lastCustomerActivityAt, unreadMessages, evaluationGrade, evaluationComment, lastEventSeq);
    }

    /**
     * Moves the chat to another department and/or operator. A department alone puts the chat back
     * in that department's queue; an operator takes an accepted chat over.
     */
    Chat transfer(String toDepartment, String toOperator, Instant now) {
        requireOpen();
        if (toDepartment != null && toDepartment.equals(departmentId) && toOperator == null) {
            throw new RuleViolationException("chat.same_department");
        }
        if (toOperator != null && toOperator.equals(operatorId) && (toDepartment == null || toDepartment.equals(departmentId))) {
            throw new RuleViolationException("chat.same_operator");
        }
        if (toOperator != null && situation != ChatSituation.IN_PROGRESS) {
            throw new RuleViolationException("chat.operator_transfer_needs_acceptance");
        }
        String department = toDepartment == null ? departmentId : toDepartment;
        if (toOperator == null) {
            return new Chat(id, protocol, ChatSituation.QUEUED, customerId, department, null, createdAt, startedAt, null,
                    lastCustomerActivityAt, unreadMessages, evaluationGrade, evaluationComment, lastEventSeq);
        }
        return new Chat(id, protocol, situation, customerId, department, toOperator, createdAt, startedAt, null,
                lastCustomerActivityAt, unreadMessages, evaluationGrade, evaluationComment, lastEventSeq);
    }

    Chat finish(Instant now) {
        requireOpen();
        return new Chat(id, protocol, ChatSituation.FINISHED, customerId, departmentId, operatorId, createdAt, startedAt, now,
                lastCustomerActivityAt, unreadMessages, evaluationGrade, evaluationComment, lastEventSeq);
    }

    /** Whether the customer has been silent in the queue since before {@code cutoff}. */
    boolean isAbandonedBy(Instant cutoff) {
        return situation == ChatSituation.QUEUED && lastCustomerActivityAt.isBefore(cutoff);
    }

    Chat abandon(Instant now) {
        if (situation != ChatSituation.QUEUED) {
            throw new RuleViolationException("chat.not_queued");
        }
        return new Chat(id, protocol, ChatSituation.ABANDONED, customerId, departmentId, null, createdAt, null, now,
                lastCustomerActivityAt, unreadMessages, evaluationGrade, evaluationComment, lastEventSeq);
    }

    Chat evaluate(int grade, String comment) {
        if (situation != ChatSituation.FINISHED) {
            throw new RuleViolationException("chat.evaluation_needs_finished");
        }
        if (evaluationGrade != null) {
            throw new RuleViolationException("chat.already_evaluated");
        }
        return new Chat(id, protocol, situation, customerId, departmentId, operatorId, createdAt, startedAt, endedAt,
                lastCustomerActivityAt, unreadMessages, grade, comment, lastEventSeq);
    }

    /**
     * The chat after a message from {@code sender}: customers write while queued or in progress,
     * operators only once the chat is accepted (and then as its operator, checked by the caller).
     */
    Chat receive(SenderType sender, Instant now) {
        requireOpen();
        return switch (sender) {
            case CUSTOMER -> new Chat(id, protocol, situation, customerId, departmentId, operatorId, createdAt, startedAt, endedAt,
                    now, unreadMessages + 1, evaluationGrade, evaluationComment, lastEventSeq);
            case OPERATOR -> {
                if (situation != ChatSituation.IN_PROGRESS) {
                    throw new RuleViolationException("chat.operator_message_needs_acceptance");
                }
                yield new Chat(id, protocol, situation, customerId, departmentId, operatorId, createdAt, startedAt, endedAt,
                        lastCustomerActivityAt, 0, evaluationGrade, evaluationComment, lastEventSeq);
            }
            case SYSTEM -> this;
        };
    }

    Chat withEventSeq(long seq) {
        return new Chat(id, protocol, situation, customerId, departmentId, operatorId, createdAt, startedAt, endedAt,
                lastCustomerActivityAt, unreadMessages, evaluationGrade, evaluationComment, seq);
    }

    ChatView view(Instant now) {
        Instant waitEnd = startedAt != null ? startedAt : endedAt != null ? endedAt : now;
        long wait = Math.max(0, Duration.between(createdAt, waitEnd).toSeconds());
        long duration = startedAt == null ? 0 : Math.max(0, Duration.between(startedAt, endedAt != null ? endedAt : now).toSeconds());
        return new ChatView(id, protocol, situation, customerId, departmentId, operatorId, createdAt, startedAt, endedAt, wait,
                duration, unreadMessages, evaluationGrade, evaluationComment, lastEventSeq);
    }

    private void requireOpen() {
        if (!situation.isOpen()) {
            throw new RuleViolationException("chat.closed");
        }
    }
}
