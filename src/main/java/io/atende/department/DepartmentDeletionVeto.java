package io.atende.department;

/**
 * Implemented by modules whose records point at departments or categories (tickets, chats,
 * custom fields). Deletion is refused while any of them does.
 */
public interface DepartmentDeletionVeto {

    /** Whether anything in this module references the department. */
    boolean referencesDepartment(String accountId, String departmentId);

    /** Whether anything in this module references the category. */
    default boolean referencesCategory(String accountId, String categoryId) {
        return false;
    }
}
