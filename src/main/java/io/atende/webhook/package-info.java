/**
 * Webhook subscriptions, the outbox that queues their deliveries in the write transaction, and the
 * dispatcher that delivers, retries, pauses and signs them. It knows the other modules only through
 * the events they publish, the snapshots their owners take of them ({@link io.atende.webhook.WebhookSubjectSnapshots})
 * and a renderer the API provides for each; the account module gives it the time zone snapshots are rendered in.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "account", "audit" })
package io.atende.webhook;
