package io.atende.ticket;

import java.util.Collection;
import java.util.List;

/**
 * The codes the ticket table stores for priorities, types and situations. They are the database's, fixed by the
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

    static String type(TicketType type) {
        return switch (type) {
            case EXTERNAL -> "E";
            case INTERNAL -> "I";
        };
    }

    static List<Integer> priorities(Collection<Priority> priorities) {
        return priorities == null ? List.of() : priorities.stream().map(StoredCodes::priority).sorted().toList();
    }

    static List<Integer> situations(Collection<Situation> situations) {
        return situations == null ? List.of() : situations.stream().map(Situation::code).sorted().toList();
    }
}
