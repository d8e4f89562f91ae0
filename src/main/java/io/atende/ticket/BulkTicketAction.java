package io.atende.ticket;

import io.atende.platform.Inputs;
import io.atende.platform.InvalidInputException;

/** One change applied to each of several tickets by {@link TicketBulkActions}; malformed values are refused on creation. */
public sealed interface BulkTicketAction {

    /** Links the tickets to an operator: taken when without one, transferred to them when another has it. */
    record Assign(String operatorId) implements BulkTicketAction {
        public Assign {
            operatorId = required("operator_id", operatorId);
        }
    }

    /** Moves the tickets to a department's queue, without operator. */
    record Transfer(String departmentId) implements BulkTicketAction {
        public Transfer {
            departmentId = required("department_id", departmentId);
        }
    }

    /** Opens a custom status on the tickets (closing another that is open), or closes the open one when {@code statusId} is null. */
    record Status(String statusId) implements BulkTicketAction {
        public Status {
            statusId = statusId == null || statusId.isBlank() ? null : statusId.strip();
        }
    }

    /** Adds a tag (case-insensitive, at most 50 characters). */
    record Tag(String tag) implements BulkTicketAction {
        public Tag {
            tag = Inputs.requiredText("tag", tag, TicketManagement.MAX_TAG);
        }
    }

    /** Gives the tickets a priority. */
    record ChangePriority(Priority priority) implements BulkTicketAction {
        public ChangePriority {
            if (priority == null) {
                throw new InvalidInputException("priority", "parameter.required");
            }
        }
    }

    /** Finishes the tickets, each with the same closing message to its customer. */
    record Finish(String message) implements BulkTicketAction {
        public Finish {
            message = Inputs.requiredText("message", message, TicketManagement.MAX_MESSAGE);
        }
    }

    private static String required(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(parameter, "parameter.required");
        }
        return value.strip();
    }
}
