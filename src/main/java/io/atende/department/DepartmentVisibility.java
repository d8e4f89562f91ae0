package io.atende.department;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Whose tickets and chats someone may see: every department's, or only those of some departments (an agent's own, or
 * the departments an API token is limited to). A ticket or chat outside it does not exist for them: lists, counts,
 * searches and reports leave it out, and asking for it by id is not found.
 *
 * @param departmentIds the departments seen, or {@code null} for all of them
 */
public record DepartmentVisibility(Set<String> departmentIds) {

    /** Every department. */
    public static final DepartmentVisibility ALL = new DepartmentVisibility(null);

    public DepartmentVisibility {
        departmentIds = departmentIds == null ? null : Set.copyOf(departmentIds);
    }

    /** Only these departments (none when empty). */
    public static DepartmentVisibility only(Collection<String> departmentIds) {
        return new DepartmentVisibility(Set.copyOf(departmentIds));
    }

    /** Whether every department is seen. */
    public boolean all() {
        return departmentIds == null;
    }

    /** Whether a ticket or chat of this department is seen; one without a department only when every department is. */
    public boolean sees(String departmentId) {
        return departmentIds == null || (departmentId != null && departmentIds.contains(departmentId));
    }

    /** What both allow: the departments seen by this and by {@code other}. */
    public DepartmentVisibility and(DepartmentVisibility other) {
        if (other == null || other.all()) {
            return this;
        }
        if (all()) {
            return other;
        }
        Set<String> both = new HashSet<>(departmentIds);
        both.retainAll(other.departmentIds);
        return new DepartmentVisibility(both);
    }
}
