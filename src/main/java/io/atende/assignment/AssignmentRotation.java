package io.atende.assignment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.atende.department.AssignmentMode;

/**
 * Which operator gets the next ticket of a department: a pure function of who may take it, what they hold and who
 * got the last one, so that every node picks alike under the department's lock.
 */
final class AssignmentRotation {

    private AssignmentRotation() {
    }

    /**
     * @param mode       round robin or least open ({@link AssignmentMode#MANUAL} is taken as round robin: a rule asked)
     * @param candidates the department's active operators online
     * @param open       the open tickets of the department each candidate holds
     * @param cap        at most this many open tickets per operator; {@code null} for no cap
     * @param last       who got the department's last ticket, or {@code null}
     */
    static Optional<String> next(AssignmentMode mode, List<String> candidates, Map<String, Long> open, Integer cap, String last) {
        // The turn order: ids after the last one's, then from the start again; the last one comes last.
        List<String> sorted = candidates.stream().sorted().toList();
        List<String> turn = new ArrayList<>();
        sorted.stream().filter(id -> last == null || id.compareTo(last) > 0).forEach(turn::add);
        sorted.stream().filter(id -> last != null && id.compareTo(last) <= 0).forEach(turn::add);
        List<String> eligible = turn.stream().filter(id -> cap == null || open.getOrDefault(id, 0L) < cap).toList();
        if (eligible.isEmpty()) {
            return Optional.empty();
        }
        if (mode == AssignmentMode.LEAST_OPEN) {
            // min keeps the first of equals, so ties go by turn.
            return eligible.stream().min(Comparator.comparingLong(id -> open.getOrDefault(id, 0L)));
        }
        return Optional.of(eligible.get(0));
    }
}
