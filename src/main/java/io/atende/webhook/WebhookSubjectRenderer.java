package io.atende.webhook;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Renders what an event is about as the API's detail endpoint shows it, for the {@code data} of
 * Standard Webhooks deliveries. Only the HTTP layer knows wire shapes, so it implements this: one
 * bean per subject type ({@code ticket}, {@code customer}, {@code chat}). Called inside the
 * transaction that published the event, just before its commit, so it sees the change that caused
 * it; the result is stored with the event and every delivery and retry sends that same snapshot.
 */
public interface WebhookSubjectRenderer {

    /** The subject type this renderer handles, as {@link io.atende.platform.DomainEvent#subjectType()} names it. */
    String subjectType();

    /**
     * The object to send as {@code data}, serialized with the application's JSON mapper (so wire
     * records keep their {@code @JsonNaming}); empty when the subject no longer exists, in which
     * case {@code data} is {@code {"id": subjectId}}.
     */
    Optional<Object> render(String accountId, String subjectId);

    /**
     * {@link #render} of each subject, keyed by id, leaving out those that no longer exist. A
     * transaction that changed many subjects (tickets opened together, say) renders them all at once:
     * a renderer that can read them together overrides this.
     */
    default Map<String, Object> renderAll(String accountId, Collection<String> subjectIds) {
        Map<String, Object> rendered = new LinkedHashMap<>();
        for (String subjectId : subjectIds) {
            render(accountId, subjectId).ifPresent(data -> rendered.put(subjectId, data));
        }
        return rendered;
    }
}
