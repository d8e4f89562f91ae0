package io.atende.platform;

/**
 * An event that the outside world may subscribe to (webhooks). Modules publish these inside the
 * transaction that made the change, so whatever records them for delivery commits or rolls back
 * with the change itself.
 */
public interface DomainEvent {

    String accountId();

    /** The public event name, e.g. {@code ticket.replied} or {@code customer.created} (docs/webhooks.md). */
    String eventName();

    /** What changed: {@code ticket}, {@code customer} or {@code chat}. */
    String subjectType();

    /** The 32-hex id of what changed. */
    String subjectId();
}
