package io.atende.ticket;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Stands in for tickets, which will be what keeps a custom status from deletion: a test marks a
 * status as used. A plain component on the test class path rather than a test configuration, so
 * that every test context picks it up by scanning without becoming a context of its own.
 */
@Component
public class TicketStatusesInUse implements TicketStatusDeletionVeto {

    private final Set<String> used = ConcurrentHashMap.newKeySet();

    public void markUsed(String accountId, String statusId) {
        used.add(accountId + "/" + statusId);
    }

    @Override
    public boolean usesStatus(String accountId, String statusId) {
        return used.contains(accountId + "/" + statusId);
    }
}
