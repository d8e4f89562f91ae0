package io.atende.audit;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.atende.platform.Actor;
import io.atende.platform.Actors;
import io.atende.platform.ClientAddresses;
import io.atende.platform.Ids;
import io.atende.platform.Page;
import io.atende.platform.PageRequest;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The front door of the audit log. A module that administers something records each act here, in the transaction of
 * the change, so the entry commits or rolls back with it; the actor and client address come from the request
 * ({@link Actors}, {@link ClientAddresses}). There is no way to change or remove an entry.
 */
@Service
public class AuditTrail {

    /**
     * Field names that smell of a secret: recording one is a programming error, refused before anything is written.
     * A flag saying that one changed ({@code password_changed}) carries no secret.
     */
    private static final Pattern SECRET = Pattern.compile("(?i)(?!.*_changed$).*(password|secret|token_value|hash|credential|private_key).*");

    private final AuditRepository entries;
    private final Clock clock;

    AuditTrail(AuditRepository entries, Clock clock) {
        this.entries = entries;
        this.clock = clock;
    }

    /**
     * Records an act by whoever acts now.
     *
     * @param before the subject's recorded fields before the act, or {@code null} when it did not exist
     * @param after  the subject's recorded fields after the act, or {@code null} when it no longer exists
     * @throws IllegalArgumentException when a field is named like a secret
     */
    @Transactional
    public void record(String accountId, String action, String subjectType, String subjectId,
                       Map<String, ?> before, Map<String, ?> after) {
        record(accountId, Actors.current(), action, subjectType, subjectId, before, after);
    }

    /** Records an act by {@code actor} (a sign-in names who signed in before any actor is bound). */
    @Transactional
    public void record(String accountId, Actor actor, String action, String subjectType, String subjectId,
                       Map<String, ?> before, Map<String, ?> after) {
        entries.insert(accountId, new AuditEntry(Ids.newId(), clock.instant(), actor, ClientAddresses.current(), action,
                subjectType, subjectId, checked(before), checked(after)));
    }

    /**
     * Records an act in a transaction of its own, for acts whose own work does not commit (a refused sign-in) or runs
     * read-only: the entry stays whatever happens next.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordApart(String accountId, Actor actor, String action, String subjectType, String subjectId,
                            Map<String, ?> before, Map<String, ?> after) {
        record(accountId, actor, action, subjectType, subjectId, before, after);
    }

    /**
     * For an erasure of personal data: the entries about or by the subjects keep only that the acts happened, when and
     * by whom (an actor among the subjects becomes {@code neutralName}); the recorded fields before and after go.
     */
    @Transactional
    public void forgetSubjects(String accountId, Collection<String> subjectIds, String neutralName) {
        var ids = List.copyOf(subjectIds);
        for (int from = 0; from < ids.size(); from += 500) {
            entries.forgetSubjects(accountId, ids.subList(from, Math.min(ids.size(), from + 500)), neutralName);
        }
    }

    /** The account's entries matching {@code filter}, newest first. */
    @Transactional(readOnly = true)
    public Page<AuditEntry> list(String accountId, AuditFilter filter, PageRequest page) {
        return entries.list(accountId, filter == null ? AuditFilter.NONE : filter, page);
    }

    private static Map<String, Object> checked(Map<String, ?> fields) {
        var copy = new LinkedHashMap<String, Object>();
        if (fields != null) {
            fields.forEach((name, value) -> {
                if (SECRET.matcher(name).matches()) {
                    throw new IllegalArgumentException("an audit entry never records a secret: " + name);
                }
                copy.put(name, value instanceof Enum<?> || value instanceof java.time.temporal.Temporal ? value.toString() : value);
            });
        }
        return copy;
    }
}
