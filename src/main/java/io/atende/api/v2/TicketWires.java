package io.atende.api.v2;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.atende.platform.InvalidInputException;
import io.atende.ticket.Priority;
import io.atende.ticket.Situation;
import io.atende.ticket.SlaStatus;
import io.atende.ticket.TicketQuery;
import io.atende.ticket.TicketType;

/** TomTicket's codes of ticket situations, priorities and types (docs/api.md, Situations), and the parameters that carry them. */
final class TicketWires {

    static final int MIN_SITUATION = 0;
    static final int MAX_SITUATION = 11;
    static final int MIN_PRIORITY = 1;
    static final int MAX_PRIORITY = 4;
    static final List<String> TYPES = List.of("E", "I");
    static final List<String> SORTS = List.of("protocol", "creation_date", "last_update", "sla_deadline", "priority");
    static final List<String> SLA_STATUSES = List.of("ok", "at_risk", "breached", "paused");
    static final List<String> DIRECTIONS = List.of("ASC", "DESC");

    private TicketWires() {
    }

    static int situationCode(Situation situation) {
        return switch (situation) {
            case NO_OPERATOR -> 0;
            case NOT_STARTED -> 1;
            case AWAITING_CUSTOMER -> 2;
            case AWAITING_OPERATOR -> 3;
            case CANCELLED -> 4;
            case FINISHED -> 5;
            case OPERATOR_CHANGED -> 6;
            case SENT_TO_SUPPORT_TEAM -> 7;
            case AWAITING_FINISH_APPROVAL -> 8;
            case AWAITING_CANCEL_APPROVAL -> 9;
            case AWAITING_MANAGER_EVALUATION -> 10;
            case AWAITING_CUSTOMER_APPROVAL -> 11;
        };
    }

    static Optional<Situation> situation(int code) {
        for (var situation : Situation.values()) {
            if (situationCode(situation) == code) {
                return Optional.of(situation);
            }
        }
        return Optional.empty();
    }

    static int priorityCode(Priority priority) {
        return switch (priority) {
            case LOW -> 1;
            case NORMAL -> 2;
            case HIGH -> 3;
            case URGENT -> 4;
        };
    }

    static Optional<Priority> priority(int code) {
        for (var priority : Priority.values()) {
            if (priorityCode(priority) == code) {
                return Optional.of(priority);
            }
        }
        return Optional.empty();
    }

    static String typeCode(TicketType type) {
        return switch (type) {
            case EXTERNAL -> "E";
            case INTERNAL -> "I";
        };
    }

    /** The type of this code, in either case. */
    static Optional<TicketType> type(String code) {
        for (var type : TicketType.values()) {
            if (typeCode(type).equalsIgnoreCase(code)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** TomTicket's Y or N for whether an evaluation says the problem was solved; {@code null} when it does not say. */
    static String solvedCode(Boolean solved) {
        return solved == null ? null : solved ? "Y" : "N";
    }

    /** Whether the problem was solved, from a Y or N parameter; empty when missing. */
    static Optional<Boolean> solved(ApiParams params, String name) {
        return params.oneOf(name, List.of("Y", "N")).map("Y"::equals);
    }

    /** The situations of a comma-separated parameter of codes; empty when missing. */
    static Set<Situation> situations(ApiParams params, String name) {
        Set<Situation> situations = EnumSet.noneOf(Situation.class);
        for (int code : codes(params, name, MIN_SITUATION, MAX_SITUATION)) {
            situations.add(situation(code).orElseThrow());
        }
        return situations;
    }

    /** The priorities of a comma-separated parameter of codes; empty when missing. */
    static Set<Priority> priorities(ApiParams params, String name) {
        Set<Priority> priorities = EnumSet.noneOf(Priority.class);
        for (int code : codes(params, name, MIN_PRIORITY, MAX_PRIORITY)) {
            priorities.add(priority(code).orElseThrow());
        }
        return priorities;
    }

    /** The SLA statuses of a comma-separated parameter of ok, at_risk, breached and paused (any case); empty when missing. */
    static Set<SlaStatus> slaStatuses(ApiParams params, String name) {
        Set<SlaStatus> statuses = EnumSet.noneOf(SlaStatus.class);
        for (String value : params.csv(name)) {
            String known = SLA_STATUSES.stream().filter(value::equalsIgnoreCase).findFirst()
                    .orElseThrow(() -> new InvalidInputException(name, "parameter.not_one_of", String.join(", ", SLA_STATUSES)));
            statuses.add(switch (known) {
                case "ok" -> SlaStatus.OK;
                case "at_risk" -> SlaStatus.AT_RISK;
                case "breached" -> SlaStatus.BREACHED;
                default -> SlaStatus.PAUSED;
            });
        }
        return statuses;
    }

    /** The order of /ticket/list's {@code column}: protocol (default), creation_date, last_update or sla_deadline. */
    static TicketQuery.Sort sort(ApiParams params, String name) {
        return switch (params.oneOf(name, SORTS).orElse("protocol")) {
            case "creation_date" -> TicketQuery.Sort.CREATED;
            case "last_update" -> TicketQuery.Sort.UPDATED;
            case "sla_deadline" -> TicketQuery.Sort.SLA_DEADLINE;
            case "priority" -> TicketQuery.Sort.PRIORITY;
            default -> TicketQuery.Sort.PROTOCOL;
        };
    }

    /** ASC or DESC, in either case; by default DESC, but ASC (the nearest first) for the SLA deadline. */
    static TicketQuery.Direction direction(ApiParams params, String name, TicketQuery.Sort sort) {
        return params.oneOf(name, DIRECTIONS).orElse(sort == TicketQuery.Sort.SLA_DEADLINE ? "ASC" : "DESC").equals("ASC") ? TicketQuery.Direction.ASCENDING
                : TicketQuery.Direction.DESCENDING;
    }

    static Optional<Priority> priority(ApiParams params, String name) {
        return params.integer(name, MIN_PRIORITY, MAX_PRIORITY).map(code -> priority(code).orElseThrow());
    }

    static Optional<TicketType> type(ApiParams params, String name) {
        return params.oneOf(name, TYPES).map(code -> type(code).orElseThrow());
    }

    private static List<Integer> codes(ApiParams params, String name, int min, int max) {
        return params.csv(name).stream().map(item -> {
            int code;
            try {
                code = Integer.parseInt(item);
            } catch (NumberFormatException notANumber) {
                throw new InvalidInputException(name, "parameter.not_integer");
            }
            if (code < min || code > max) {
                throw new InvalidInputException(name, "parameter.out_of_range", min, max);
            }
            return code;
        }).toList();
    }
}
