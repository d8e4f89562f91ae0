package io.atende.chat;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Which chats a list shows; {@code null} or empty members do not filter.
 *
 * @param organizationIds customers of any of these organizations
 */
public record ChatFilter(String customerId, String departmentId, Set<String> organizationIds, List<ChatSituation> situations,
                         Long minProtocol, Long maxProtocol, Instant createdFrom, Instant createdTo) {

    public ChatFilter {
        organizationIds = organizationIds == null ? null : Set.copyOf(organizationIds);
        situations = situations == null ? List.of() : List.copyOf(situations);
    }
}
