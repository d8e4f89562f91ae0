package io.atende.console;

import io.atende.department.DepartmentManagement;
import io.atende.department.DepartmentVisibility;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Whose tickets and chats the signed-in operator sees: supervisors and admins every department's, an agent only their
 * own departments'. Read once per request (memberships change while an operator is signed in, and apply at once).
 */
@Component
public class ConsoleVisibility {

    private static final String ATTRIBUTE = ConsoleVisibility.class.getName();

    private final DepartmentManagement departments;

    ConsoleVisibility(DepartmentManagement departments) {
        this.departments = departments;
    }

    /** The departments {@code me} sees. */
    public DepartmentVisibility of(ConsoleOperator me) {
        if (me.seesAllDepartments()) {
            return DepartmentVisibility.ALL;
        }
        var request = RequestContextHolder.getRequestAttributes();
        String key = ATTRIBUTE + ":" + me.operatorId();
        if (request != null && request.getAttribute(key, RequestAttributes.SCOPE_REQUEST) instanceof DepartmentVisibility known) {
            return known;
        }
        var visibility = DepartmentVisibility.only(departments.departmentIdsOf(me.accountId(), me.operatorId()));
        if (request != null) {
            request.setAttribute(key, visibility, RequestAttributes.SCOPE_REQUEST);
        }
        return visibility;
    }
}
