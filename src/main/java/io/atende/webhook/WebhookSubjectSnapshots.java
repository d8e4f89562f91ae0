package io.atende.webhook;

import java.util.Collection;
import java.util.Map;

/**
 * Takes the snapshots that Standard Webhooks deliveries send as {@code data}: the module that owns a
 * subject type ({@code ticket}, {@code customer}, {@code chat}) implements it with a record of its own,
 * holding everything the delivery will show (the names of what the subject references too), so that
 * the wire shape can be rendered after the commit without reading anything again.
 *
 * <p>Called inside the transaction that published the events, just before its commit, so each
 * snapshot is the subject as that transaction leaves it. It must not throw for a subject that does
 * not exist: a refusal there would undo the change that is being reported.
 */
public interface WebhookSubjectSnapshots {

    /** The subject type this handles, as {@link io.atende.platform.DomainEvent#subjectType()} names it. */
    String subjectType();

    /**
     * The snapshot of each subject that exists, keyed by id, read together (a transaction that opened
     * 64 tickets takes their snapshots in a few reads). Serialized with the application's JSON mapper
     * and read back by the {@link WebhookSubjectRenderer} of the same subject type. Stored snapshots wait for
     * their deliveries as long as retries last, so a change to the record must still read the form it had.
     */
    Map<String, ?> snapshots(String accountId, Collection<String> subjectIds);
}
