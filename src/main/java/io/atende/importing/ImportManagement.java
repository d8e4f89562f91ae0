package io.atende.importing;

import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atende.audit.AuditTrail;
import io.atende.platform.Ids;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.platform.RuleViolationException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Imports of an account's data from a TomTicket API v2.0 source: starting one (recorded in the audit log, without the
 * token), following it, cancelling it. The work itself runs on whichever node's worker takes the job.
 */
@Service
public class ImportManagement {

    /** TomTicket's limit per token. */
    public static final int DEFAULT_RATE = 3;
    public static final int MAX_RATE = 100;
    private static final int MAX_URL = 2000;
    private static final int MAX_TOKEN = 500;
    private static final int LISTED = 50;

    private final ImportRepository jobs;
    private final SourceAddresses addresses;
    private final ImportWorker worker;
    private final AuditTrail audit;
    private final Clock clock;

    ImportManagement(ImportRepository jobs, SourceAddresses addresses, ImportWorker worker, AuditTrail audit, Clock clock) {
        this.jobs = jobs;
        this.addresses = addresses;
        this.worker = worker;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Queues an import. A source imported before (same URL, an import of it done) brings only the tickets changed since.
     *
     * @throws InvalidInputException for a URL that is not an http(s) URL ending in /v2.0, one on a private address
     *                               (unless allowed), a missing token or a rate outside 1 to 100
     * @throws RuleViolationException while another import of the account runs
     */
    @Transactional
    public ImportView start(String accountId, StartImport command) {
        String url = command.sourceUrl() == null ? "" : command.sourceUrl().strip();
        if (url.isEmpty()) {
            throw new InvalidInputException("source_url", "parameter.required");
        }
        var uri = url.length() > MAX_URL ? null : SourceAddresses.parse(url).orElse(null);
        if (uri == null) {
            throw new InvalidInputException("source_url", "import.invalid_url");
        }
        try {
            addresses.allowedAddresses(uri.getHost());
        } catch (SourceAddresses.Refused refused) {
            throw new InvalidInputException("source_url", "import.private_source", refused.address().getHostAddress());
        } catch (UnknownHostException unknown) {
            throw new InvalidInputException("source_url", "import.unknown_host", uri.getHost());
        }
        String token = command.sourceToken() == null ? "" : command.sourceToken().strip();
        if (token.isEmpty()) {
            throw new InvalidInputException("source_token", "parameter.required");
        }
        if (token.length() > MAX_TOKEN) {
            throw new InvalidInputException("source_token", "import.invalid_token");
        }
        int rate = command.rate() == null ? DEFAULT_RATE : command.rate();
        if (rate < 1 || rate > MAX_RATE) {
            throw new InvalidInputException("rate", "import.invalid_rate", MAX_RATE);
        }
        List<ImportKind> include = command.include().isEmpty() ? List.of(ImportKind.values())
                : Arrays.stream(ImportKind.values()).filter(command.include()::contains).toList();
        if (jobs.anyRunning(accountId)) {
            throw new RuleViolationException("import.already_running");
        }
        String base = url.replaceAll("/+$", "");
        String id = Ids.newId();
        var since = include.contains(ImportKind.TICKETS) ? jobs.lastTicketsUntil(accountId, base).orElse(null) : null;
        jobs.insert(accountId, id, base, token, include, rate, since, clock.instant());
        Map<String, Object> audited = new LinkedHashMap<>();
        audited.put("source_url", base);
        audited.put("include", include.stream().map(Enum::name).toList());
        audited.put("rate", rate);
        audit.record(accountId, "import.started", "import", id, null, audited);
        wakeAfterCommit();
        return get(accountId, id);
    }

    private void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    worker.wake();
                }
            });
        } else {
            worker.wake();
        }
    }

    /** @throws NotFoundException when the account has no such import */
    @Transactional(readOnly = true)
    public ImportView get(String accountId, String importId) {
        if (importId == null || !Ids.isId(importId.strip())) {
            throw new NotFoundException("import.not_found");
        }
        return jobs.find(accountId, importId.strip()).orElseThrow(() -> new NotFoundException("import.not_found"));
    }

    /** The account's latest imports, newest first, without their failures. */
    @Transactional(readOnly = true)
    public List<ImportView> list(String accountId) {
        return jobs.list(accountId, LISTED);
    }

    /**
     * Stops an import: the node working on it stops at its next object. What was imported stays.
     *
     * @throws NotFoundException      when the account has no such import
     * @throws RuleViolationException when it has already ended
     */
    @Transactional
    public ImportView cancel(String accountId, String importId) {
        var job = get(accountId, importId);
        if (!jobs.end(accountId, job.id(), ImportStatus.CANCELLED, null, clock.instant())) {
            throw new RuleViolationException("import.ended");
        }
        audit.record(accountId, "import.cancelled", "import", job.id(), Map.of("status", job.status().name()),
                Map.of("status", ImportStatus.CANCELLED.name()));
        return get(accountId, job.id());
    }
}
