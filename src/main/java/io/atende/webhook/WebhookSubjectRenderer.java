package io.atende.webhook;

/**
 * Renders a stored snapshot as the API's detail endpoint shows its subject, for the {@code data} of
 * Standard Webhooks deliveries. Only the HTTP layer knows wire shapes, so it implements this: one bean
 * per subject type. Called when a delivery is sent, after the commit; it reads nothing but the
 * snapshot, so every attempt and every subscription of an event gets the same bytes.
 */
public interface WebhookSubjectRenderer {

    /** The subject type this renderer handles, as {@link WebhookSubjectSnapshots#subjectType()} names it. */
    String subjectType();

    /** The object to send as {@code data}, serialized with the application's JSON mapper (so wire records keep their {@code @JsonNaming}). */
    Object render(WebhookSnapshot snapshot);
}
