package io.atende.ticket;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.atende.audit.AuditTrail;
import io.atende.platform.DeletionVetoes;
import io.atende.platform.Ids;
import io.atende.platform.Inputs;
import io.atende.platform.NotFoundException;
import io.atende.platform.RuleViolationException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The account's custom ticket statuses: the list operators pick from when they open a status on a ticket. */
@Service
public class TicketStatusManagement {

    static final int MAX_NAME_LENGTH = 250;

    private final TicketStatusRepository repository;
    private final ObjectProvider<TicketStatusDeletionVeto> vetoes;
    private final Clock clock;
    private final AuditTrail audit;

    // Vetoes come from code that uses statuses and so depends on this service; they are looked up when a deletion asks.
    TicketStatusManagement(TicketStatusRepository repository, ObjectProvider<TicketStatusDeletionVeto> vetoes, Clock clock,
                           AuditTrail audit) {
        this.audit = audit;
        this.repository = repository;
        this.vetoes = vetoes;
        this.clock = clock;
    }

    /** Creates a status that leaves the SLA clocks running; names are unique in the account, ignoring case (refused). */
    @Transactional
    public TicketStatusView create(String accountId, String name) {
        return create(accountId, name, false);
    }

    /** Creates a status; {@code pausesSla}: the ticket's SLA clocks stop while it is open on a ticket. */
    @Transactional
    public TicketStatusView create(String accountId, String name, boolean pausesSla) {
        String clean = Inputs.requiredText("name", name, MAX_NAME_LENGTH);
        if (repository.nameTaken(accountId, clean, null)) {
            throw nameTaken(clean);
        }
        var status = new TicketStatusView(Ids.newId(), clean, clock.instant(), pausesSla);
        try {
            repository.insert(accountId, status);
        } catch (DuplicateKeyException concurrentTwin) {
            throw nameTaken(clean);
        }
        audit.record(accountId, "status.created", "status", status.id(), null, audited(status));
        return status;
    }

    /**
     * Changes a status: a {@code null} name or {@code pausesSla} keeps what it has (not found if unknown, refused if
     * another status has the name). A change of {@code pausesSla} counts from the tickets' next change.
     */
    @Transactional
    public TicketStatusView update(String accountId, String statusId, String name, Boolean pausesSla) {
        var current = get(accountId, statusId);
        String clean = name == null ? current.name() : Inputs.requiredText("name", name, MAX_NAME_LENGTH);
        boolean pauses = pausesSla == null ? current.pausesSla() : pausesSla;
        if (repository.nameTaken(accountId, clean, current.id())) {
            throw nameTaken(clean);
        }
        try {
            repository.update(accountId, current.id(), clean, pauses, clock.instant());
        } catch (DuplicateKeyException concurrentTwin) {
            throw nameTaken(clean);
        }
        var changed = new TicketStatusView(current.id(), clean, current.createdAt(), pauses);
        audit.record(accountId, "status.updated", "status", current.id(), audited(current), audited(changed));
        return changed;
    }

    /** Deletes a status (not found if unknown); refused while any ticket is or was in it. */
    @Transactional
    public void delete(String accountId, String statusId) {
        var status = get(accountId, statusId);
        DeletionVetoes.refuseWhileAnyUses(vetoes, veto -> veto.usesStatus(accountId, status.id()), "status.in_use", status.name());
        repository.delete(accountId, status.id());
        audit.record(accountId, "status.deleted", "status", status.id(), audited(status), null);
    }

    private static Map<String, Object> audited(TicketStatusView status) {
        return Map.of("name", status.name(), "pauses_sla", status.pausesSla());
    }

    /** The status, or not found. */
    @Transactional(readOnly = true)
    public TicketStatusView get(String accountId, String statusId) {
        return repository.find(accountId, statusId).orElseThrow(() -> new NotFoundException("status.not_found", statusId));
    }

    /** Every status of the account, by name. */
    @Transactional(readOnly = true)
    public List<TicketStatusView> list(String accountId) {
        return repository.list(accountId);
    }

    private static RuleViolationException nameTaken(String name) {
        return new RuleViolationException("status.name_taken", name);
    }
}
