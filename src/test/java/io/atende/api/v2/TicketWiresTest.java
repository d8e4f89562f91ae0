package io.atende.api.v2;

import java.util.Map;

import io.atende.platform.InvalidInputException;
import io.atende.ticket.Priority;
import io.atende.ticket.Situation;
import io.atende.ticket.TicketType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TomTicket's codes of situations, priorities and ticket types (docs/api.md, Situations). */
class TicketWiresTest {

    @Test
    void everySituationCodeFrom0To11IsOneSituationAndBack() {
        for (int code = 0; code <= 11; code++) {
            var situation = TicketWires.situation(code).orElseThrow();
            assertThat(TicketWires.situationCode(situation)).isEqualTo(code);
        }
        for (var situation : Situation.values()) {
            assertThat(TicketWires.situation(TicketWires.situationCode(situation))).contains(situation);
        }
        assertThat(TicketWires.situation(5)).contains(Situation.FINISHED);
    }

    @Test
    void everyPriorityCodeFrom1To4IsOnePriorityAndBack() {
        assertThat(TicketWires.priority(1)).contains(Priority.LOW);
        assertThat(TicketWires.priority(2)).contains(Priority.NORMAL);
        assertThat(TicketWires.priority(3)).contains(Priority.HIGH);
        assertThat(TicketWires.priority(4)).contains(Priority.URGENT);
        for (var priority : Priority.values()) {
            assertThat(TicketWires.priority(TicketWires.priorityCode(priority))).contains(priority);
        }
    }

    @Test
    void ticketTypesAreEAndIInEitherCase() {
        assertThat(TicketWires.type("E")).contains(TicketType.EXTERNAL);
        assertThat(TicketWires.type("i")).contains(TicketType.INTERNAL);
        for (var type : TicketType.values()) {
            assertThat(TicketWires.type(TicketWires.typeCode(type))).contains(type);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 12, 99})
    void unknownSituationCodesAreNoSituation(int code) {
        assertThat(TicketWires.situation(code)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, -2})
    void unknownPriorityCodesAreNoPriority(int code) {
        assertThat(TicketWires.priority(code)).isEmpty();
    }

    @Test
    void unknownTypesAreNoType() {
        assertThat(TicketWires.type("X")).isEmpty();
        assertThat(TicketWires.type("")).isEmpty();
    }

    @Test
    void readsCommaSeparatedCodesAsTheirEnums() {
        var params = new ApiParams(Map.of("situation", "0,5,11", "priority", "4,1", "ticket_type", "I"));
        assertThat(TicketWires.situations(params, "situation"))
                .containsExactlyInAnyOrder(Situation.NO_OPERATOR, Situation.FINISHED, Situation.AWAITING_CUSTOMER_APPROVAL);
        assertThat(TicketWires.priorities(params, "priority")).containsExactlyInAnyOrder(Priority.URGENT, Priority.LOW);
        assertThat(TicketWires.type(params, "ticket_type")).contains(TicketType.INTERNAL);
        var none = new ApiParams(Map.of());
        assertThat(TicketWires.situations(none, "situation")).isEmpty();
        assertThat(TicketWires.priority(none, "priority")).isEmpty();
        assertThat(TicketWires.type(none, "ticket_type")).isEmpty();
    }

    @Test
    void refusesCodesOutOfRangeOrNotNumbersNamingTheParameter() {
        assertThatThrownBy(() -> TicketWires.situations(new ApiParams(Map.of("situation", "1,12")), "situation"))
                .isInstanceOfSatisfying(InvalidInputException.class, refused -> {
                    assertThat(refused.parameter()).isEqualTo("situation");
                    assertThat(refused.messageKey()).isEqualTo("parameter.out_of_range");
                });
        assertThatThrownBy(() -> TicketWires.priorities(new ApiParams(Map.of("priority", "0")), "priority"))
                .isInstanceOfSatisfying(InvalidInputException.class, refused -> assertThat(refused.parameter()).isEqualTo("priority"));
        assertThatThrownBy(() -> TicketWires.priority(new ApiParams(Map.of("priority", "5")), "priority"))
                .isInstanceOfSatisfying(InvalidInputException.class, refused -> assertThat(refused.parameter()).isEqualTo("priority"));
        assertThatThrownBy(() -> TicketWires.situations(new ApiParams(Map.of("situation", "one")), "situation"))
                .isInstanceOfSatisfying(InvalidInputException.class, refused -> assertThat(refused.messageKey()).isEqualTo("parameter.not_integer"));
        assertThatThrownBy(() -> TicketWires.type(new ApiParams(Map.of("ticket_type", "X")), "ticket_type"))
                .isInstanceOfSatisfying(InvalidInputException.class, refused -> assertThat(refused.parameter()).isEqualTo("ticket_type"));
    }
}
