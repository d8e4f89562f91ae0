package io.atende.automation;

import io.atende.ticket.Priority;

/**
 * One change a macro or a rule makes to a ticket. Texts may carry placeholders (see {@link Placeholders}),
 * filled for the ticket when the action is applied. {@link #type()} is the name the JSON shape
 * {@code {"type": "...", "value": ...}} gives the action (see {@link ActionJson}).
 */
public sealed interface Action {

    String type();

    /** To another department and/or operator; a null operator with a department sends the ticket to that department's queue. */
    record Transfer(String departmentId, String operatorId) implements Action {
        public String type() {
            return "transfer";
        }
    }

    record SetPriority(Priority priority) implements Action {
        public String type() {
            return "set_priority";
        }
    }

    /** A category of the ticket's department, or none when {@code categoryId} is null. */
    record SetCategory(String categoryId) implements Action {
        public String type() {
            return "set_category";
        }
    }

    record OpenStatus(String statusId) implements Action {
        public String type() {
            return "open_status";
        }
    }

    record CloseStatus() implements Action {
        public String type() {
            return "close_status";
        }
    }

    /** Gives the ticket to the next operator its department's automatic assignment picks (round robin in a manual one). */
    record AssignAutomatically() implements Action {
        public String type() {
            return "assign_automatically";
        }
    }

    /** Tags the ticket; a tag it has already is left as it is. */
    record AddTag(String tag) implements Action {
        public String type() {
            return "add_tag";
        }
    }

    /** Removes a tag; a tag the ticket lacks is no change. */
    record RemoveTag(String tag) implements Action {
        public String type() {
            return "remove_tag";
        }
    }

    /** A ticket custom field's value, checked as the field's type demands. */
    record SetCustomField(String fieldId, String value) implements Action {
        public String type() {
            return "set_custom_field";
        }
    }

    /** A reply to the customer in the name of the ticket's operator. */
    record Reply(String text) implements Action {
        public String type() {
            return "reply";
        }
    }

    /** An internal comment, never shown to the customer. */
    record Comment(String text) implements Action {
        public String type() {
            return "comment";
        }
    }

    /** Finishes the ticket with this closing message to the customer. */
    record Finish(String text) implements Action {
        public String type() {
            return "finish";
        }
    }

    /**
     * An e-mail about the ticket to one operator, every operator of one department, or one address: exactly one of
     * the three is set. Subject and text may carry placeholders.
     */
    record Email(String operatorId, String departmentId, String address, String subject, String text) implements Action {
        public String type() {
            return "email";
        }
    }

    /** Tells one webhook subscription about the ticket, with a message that may carry placeholders. */
    record NotifyWebhook(String webhookId, String message) implements Action {
        public String type() {
            return "notify_webhook";
        }
    }
}
