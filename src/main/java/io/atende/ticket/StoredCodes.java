package io.atende.ticket;

import java.util.Collection;
import java.util.List;

/**
 * The codes the ticket table stores for priorities, types, situations and whether an evaluation says the problem
 * was solved. They are the database's, fixed by the
 * rows already written; faces map their own values to the enums and never see these.
 */
final class StoredCodes {

    private StoredCodes() {
    }

    static int priority(Priority priority) {
        return switch (priority) {
            case LOW -> 1;
            case NORMAL -> 2;
            case HIGH -> 3;
            case URGENT -> 4;
        };
    }

    static int situation(Situation situation) {
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

    static Situation situation(int code) {
        for (var situation : Situation.values()) {
            if (situation(situation) == code) {
                return situation;
            }
        }
        throw new IllegalStateException("No situation is stored as " + code);
    }

    static String type(TicketType type) {
        return switch (type) {
            case EXTERNAL -> "E";
            case INTERNAL -> "I";
        };
    }

    static Priority priority(int code) {
        return switch (code) {
            case 1 -> Priority.LOW;
            case 2 -> Priority.NORMAL;
            case 3 -> Priority.HIGH;
            case 4 -> Priority.URGENT;
            default -> throw new IllegalStateException("No priority is stored as " + code);
        };
    }

    static TicketType type(String code) {
        return switch (code) {
            case "E" -> TicketType.EXTERNAL;
            case "I" -> TicketType.INTERNAL;
            default -> throw new IllegalStateException("No ticket type is stored as " + code);
        };
    }

    static String solved(Boolean solved) {
        return solved == null ? null : solved ? "Y" : "N";
    }

    static Boolean solved(String code) {
        if (code == null) {
            return null;
        }
        return switch (code) {
            case "Y" -> true;
            case "N" -> false;
            default -> throw new IllegalStateException("No answer to whether the problem was solved is stored as " + code);
        };
    }

    static List<Integer> priorities(Collection<Priority> priorities) {
        return priorities == null ? List.of() : priorities.stream().map(StoredCodes::priority).sorted().toList();
    }

    static List<Integer> situations(Collection<Situation> situations) {
        return situations == null ? List.of() : situations.stream().map(StoredCodes::situation).sorted().toList();
    }
}
