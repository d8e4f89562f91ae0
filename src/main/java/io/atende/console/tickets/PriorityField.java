package io.atende.console.tickets;

import io.atende.platform.InvalidInputException;
import io.atende.ticket.Priority;

/** The console's priority field: 1 low to 4 urgent, the values of its forms and of bookmarked queue URLs. */
final class PriorityField {

    private PriorityField() {
    }

    /** The priority of a form value; 400 in place for anything but 1 to 4. */
    static Priority of(String parameter, String value) {
        return of(parameter, TicketQueueQuery.integer(parameter, value).intValue());
    }

    /** The form value of a priority, also the last part of its label's key ({@code desk.priority.N}). */
    static int value(Priority priority) {
        return switch (priority) {
            case LOW -> 1;
            case NORMAL -> 2;
            case HIGH -> 3;
            case URGENT -> 4;
        };
    }

    static Priority of(String parameter, int number) {
        return switch (number) {
            case 1 -> Priority.LOW;
            case 2 -> Priority.NORMAL;
            case 3 -> Priority.HIGH;
            case 4 -> Priority.URGENT;
            default -> throw new InvalidInputException(parameter, "parameter.out_of_range", 1, 4);
        };
    }
}
