package io.atende.chat;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Which chats a list shows; {@code null} or empty members do not filter.
 *
 * @param organizationIds customers of any of these organizations
 * @param operatorId      chats whose operator is this one (the console's "my chats"; TomTicket's
 *                        /chat/list has no such parameter)
 */
public record ChatFilter(String customerId, String departmentId, Set<String> organizationIds, List<ChatSituation> situations,
                         Long minProtocol, Long maxProtocol, Instant createdFrom, Instant createdTo, String operatorId) {

    public ChatFilter {
        organizationIds = organizationIds == null ? null : Set.copyOf(organizationIds);
        situations = situations == null ? List.of() : List.copyOf(situations);
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
