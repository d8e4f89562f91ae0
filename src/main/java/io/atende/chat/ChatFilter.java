package io.atende.chat;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.atende.department.DepartmentVisibility;

/**
 * Which chats a list shows; {@code null} or empty members do not filter.
 *
 * @param organizationIds customers of any of these organizations
 * @param operatorId      chats whose operator is this one (the console's "my chats"; TomTicket's
 *                        /chat/list has no such parameter)
 * @param visibility      the departments the asker sees (an agent's, a limited token's): chats of others do not exist
 */
public record ChatFilter(String customerId, String departmentId, Set<String> organizationIds, List<ChatSituation> situations,
                         Long minProtocol, Long maxProtocol, Instant createdFrom, Instant createdTo, String operatorId,
                         DepartmentVisibility visibility) {

    public ChatFilter {
        organizationIds = organizationIds == null ? null : Set.copyOf(organizationIds);
        situations = situations == null ? List.of() : List.copyOf(situations);
        visibility = visibility == null ? DepartmentVisibility.ALL : visibility;
    }

    /** A filter that sees every department. */
    public ChatFilter(String customerId, String departmentId, Set<String> organizationIds, List<ChatSituation> situations,
                      Long minProtocol, Long maxProtocol, Instant createdFrom, Instant createdTo, String operatorId) {
        this(customerId, departmentId, organizationIds, situations, minProtocol, maxProtocol, createdFrom, createdTo, operatorId,
                DepartmentVisibility.ALL);
    }

    /** Only the chats of the departments this visibility sees (narrowing any visibility already set). */
    public ChatFilter visibleTo(DepartmentVisibility seen) {
        return new ChatFilter(customerId, departmentId, organizationIds, situations, minProtocol, maxProtocol, createdFrom, createdTo,
                operatorId, visibility.and(seen));
    }

    /** A filter that does not look at the operator. */
    public ChatFilter(String customerId, String departmentId, Set<String> organizationIds, List<ChatSituation> situations,
                      Long minProtocol, Long maxProtocol, Instant createdFrom, Instant createdTo) {
        this(customerId, departmentId, organizationIds, situations, minProtocol, maxProtocol, createdFrom, createdTo, null);
    }

    /** The chats of one operator in any of {@code situations}. */
    public static ChatFilter ofOperator(String operatorId, List<ChatSituation> situations) {
        return new ChatFilter(null, null, null, situations, null, null, null, null, operatorId);
    }
}
