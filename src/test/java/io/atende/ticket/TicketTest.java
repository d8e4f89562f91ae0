package io.atende.ticket;

import java.time.Instant;

import io.atende.platform.RuleViolationException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The aggregate's transitions (docs/api.md, Situations) without HTTP or database. */
class TicketTest {

    static final Instant NOW = Instant.parse("2026-08-21T15:00:00Z");

    private static Ticket open(String operatorId) {
        var ticket = Ticket.open("acc", "t", 1, "S", TicketType.EXTERNAL, Priority.NORMAL, "c", "d", null, operatorId, null, NOW);
        ticket.nextPosition();
        return ticket;
    }

    @Test
    void startsWithoutOperatorOrNotStartedWithOne() {
        assertThat(open(null).situation).isEqualTo(Situation.NO_OPERATOR);
        assertThat(open("op").situation).isEqualTo(Situation.NOT_STARTED);
    }

    @Test
    void repliesMoveBetweenAwaitingSidesAndSetTheFirstReplyOnce() {
        var ticket = open("op");
        assertThat(ticket.replyByOperator("m1", NOW)).isEqualTo(1);
        assertThat(ticket.situation).isEqualTo(Situation.AWAITING_CUSTOMER);
        assertThat(ticket.replyByCustomer("m2", NOW.plusSeconds(5))).isEqualTo(2);
        assertThat(ticket.situation).isEqualTo(Situation.AWAITING_OPERATOR);
        ticket.replyByOperator("m3", NOW.plusSeconds(10));
        assertThat(ticket.firstReplyAt).isEqualTo(NOW);
        assertThat(ticket.comment("m4", NOW)).isEqualTo(4);
        assertThat(ticket.situation).isEqualTo(Situation.AWAITING_CUSTOMER);
    }

    @Test
    void refusesIllegalTransitionsWithoutChangingOrRecordingAnything() {
        var ticket = open(null);
        ticket.drainEvents();
        assertThatThrownBy(() -> ticket.replyByOperator("m", NOW)).isInstanceOf(RuleViolationException.class);
        assertThatThrownBy(() -> ticket.transfer("d2", null, NOW)).isInstanceOf(RuleViolationException.class);
        assertThatThrownBy(() -> ticket.finish(0, NOW)).isInstanceOf(RuleViolationException.class);
        assertThatThrownBy(() -> ticket.closeStatus(NOW)).isInstanceOf(RuleViolationException.class);
        assertThatThrownBy(() -> ticket.evaluate(5, true, null, NOW)).isInstanceOf(RuleViolationException.class);
        assertThatThrownBy(() -> ticket.reopen(false, NOW)).isInstanceOf(RuleViolationException.class);
        assertThat(ticket.situation).isEqualTo(Situation.NO_OPERATOR);
        assertThat(ticket.messageCount).isEqualTo(1);
        assertThat(ticket.drainEvents()).isEmpty();
    }

    @Test
    void finishingClosesTheStatusAndAddsWork() {
        var ticket = open("op");
        ticket.openStatus("s", NOW);
        assertThatThrownBy(() -> ticket.openStatus("s2", NOW)).isInstanceOf(RuleViolationException.class);
        assertThat(ticket.finish(900, NOW.plusSeconds(60))).isEqualTo("s");
        assertThat(ticket.situation).isEqualTo(Situation.FINISHED);
        assertThat(ticket.statusId).isNull();
        assertThat(ticket.workTime).isEqualTo(900);
        assertThat(ticket.elapsedSeconds(NOW.plusSeconds(3600))).isEqualTo(60);
        assertThatThrownBy(() -> ticket.replyByCustomer("m", NOW)).isInstanceOf(RuleViolationException.class);
        ticket.evaluate(4, true, "ok", NOW);
        assertThatThrownBy(() -> ticket.evaluate(4, true, "ok", NOW)).isInstanceOf(RuleViolationException.class);
        assertThat(ticket.drainEvents()).extracting(TicketEvent::eventName)
                .containsExactly("ticket.created", "ticket.status_opened", "ticket.status_closed", "ticket.finished",
                        "ticket.evaluated");
    }

    @Test
    void transfersClearOrChangeTheOperator() {
        var ticket = open("op");
        assertThatThrownBy(() -> ticket.transfer("d", "op", NOW)).hasMessageContaining("same_operator");
        ticket.transfer("d", "op2", NOW);
        assertThat(ticket.situation).isEqualTo(Situation.OPERATOR_CHANGED);
        ticket.transfer("d2", null, NOW);
        assertThat(ticket.situation).isEqualTo(Situation.NO_OPERATOR);
        assertThat(ticket.operatorId).isNull();
        assertThat(ticket.departmentId).isEqualTo("d2");
    }

    @Test
    void reopensCancelledTicketsForTheCustomerOrTheOperator() {
        var ticket = open("op");
        ticket.cancel(NOW);
        assertThat(ticket.situation).isEqualTo(Situation.CANCELLED);
        ticket.reopen(true, NOW);
        assertThat(ticket.situation).isEqualTo(Situation.AWAITING_OPERATOR);
        assertThat(ticket.reopened).isTrue();
        assertThat(ticket.endAt).isNull();
    }

    @Test
    void changesTheCategoryOfAnOpenTicketOnlyAndRecordsAnUpdateOnlyWhenItChanges() {
        var ticket = open(null);
        ticket.drainEvents();
        assertThat(ticket.changeCategory("cat", NOW.plusSeconds(5))).isTrue();
        assertThat(ticket.categoryId).isEqualTo("cat");
        assertThat(ticket.updatedAt).isEqualTo(NOW.plusSeconds(5));
        assertThat(ticket.situation).isEqualTo(Situation.NO_OPERATOR);
        assertThat(ticket.changeCategory("cat", NOW.plusSeconds(9))).isFalse();
        assertThat(ticket.updatedAt).isEqualTo(NOW.plusSeconds(5));
        assertThat(ticket.changeCategory(null, NOW.plusSeconds(10))).isTrue();
        assertThat(ticket.categoryId).isNull();
        assertThat(ticket.drainEvents()).extracting(TicketEvent::eventName).containsExactly("ticket.updated", "ticket.updated");

        ticket.cancel(NOW);
        ticket.drainEvents();
        assertThatThrownBy(() -> ticket.changeCategory("cat", NOW)).hasMessageContaining("ticket.closed");
        assertThat(ticket.categoryId).isNull();
        assertThat(ticket.drainEvents()).isEmpty();
    }
}
