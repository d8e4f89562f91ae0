/**
 * Webhook subscriptions, the outbox that queues their deliveries in the write transaction, and the
 * dispatcher that delivers, retries, pauses and signs them. It knows the other modules only through
 * the events they publish and a renderer the API provides.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform" })
package io.atende.webhook;
