package io.atende.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.atende.platform.DomainEvent;
import io.atende.platform.Ids;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox: every public event becomes one event row and one delivery row per
 * matching subscription, written by a synchronous listener inside the transaction that published
 * the event. A rolled-back change therefore emits nothing, and a committed one is on disk before
 * anyone is told; after the commit the local dispatcher is woken so delivery starts at once.
 *
 * <p>Spring Modulith's event publication registry is not used here: it records events for
 * listeners that run after the commit and resubmits them as a whole, while webhooks need one
 * durable row per subscription with its own attempts, backoff, ordering and log; writing those
 * rows directly in the publishing transaction gives the same guarantee with one write less.
 */
@Component
class WebhookOutbox {

    private final WebhookRepository repository;
    private final Map<String, WebhookSubjectRenderer> renderers;
    private final WebhookDispatcher dispatcher;
    private final JsonMapper json;
    private final Clock clock;

    WebhookOutbox(WebhookRepository repository, List<WebhookSubjectRenderer> renderers, WebhookDispatcher dispatcher, JsonMapper json,
                  Clock clock) {
        this.repository = repository;
        this.renderers = renderers.stream().collect(Collectors.toMap(WebhookSubjectRenderer::subjectType, Function.identity()));
        this.dispatcher = dispatcher;
        this.json = json;
        this.clock = clock;
    }

    @EventListener
    void on(DomainEvent event) {
        var matching = repository.activeSubscriptions(event.accountId()).stream()
                .filter(subscription -> wants(subscription, event.eventName(), event.subjectType()))
                .toList();
        if (matching.isEmpty()) {
            return;
        }
        // The snapshot costs a render only when a Standard Webhooks subscription will send it.
        boolean needsData = matching.stream().anyMatch(subscription -> subscription.format() == WebhookFormat.STANDARD);
        String data = needsData ? render(event.accountId(), event.subjectType(), event.subjectId()) : null;
        enqueue(event.accountId(), event.eventName(), event.subjectType(), event.subjectId(), data, matching,
                event.subjectType() + ":" + event.subjectId());
    }

    /** Queues the test event of {@code /webhook/test} for one subscription; returns the delivery id. */
    String enqueueTest(String accountId, WebhookRepository.Subscription subscription) {
        String data = json.writeValueAsString(Map.of("webhook_id", subscription.id()));
        return enqueue(accountId, WebhookEvents.TEST, "webhook", subscription.id(), data, List.of(subscription),
                "test:" + Ids.newId()).get(0);
    }

    /** Queues the same event again for the same subscription; it takes its turn behind pending events of its subject. */
    void enqueueAgain(String accountId, String subscriptionId, String eventId, String subjectKey, String deliveryId) {
        repository.insertDeliveries(accountId, List.of(deliveryId), List.of(subscriptionId), eventId, subjectKey, clock.instant());
        wakeAfterCommit();
    }

    static boolean wants(WebhookRepository.Subscription subscription, String eventName, String subjectType) {
        if (subscription.format() == WebhookFormat.TOMTICKET && !WebhookEvents.TOMTICKET_SUBJECTS.contains(subjectType)) {
            return false;
        }
        return subscription.events().isEmpty() || subscription.events().contains(eventName);
    }

    private List<String> enqueue(String accountId, String eventName, String subjectType, String subjectId, String data,
                                 List<WebhookRepository.Subscription> subscriptions, String subjectKey) {
        Instant now = clock.instant();
        String eventId = Ids.newId();
        repository.insertEvent(accountId, eventId, eventName, subjectType, subjectId, data, now);
        var ids = subscriptions.stream().map(subscription -> Ids.newId()).toList();
        repository.insertDeliveries(accountId, ids, subscriptions.stream().map(WebhookRepository.Subscription::id).toList(), eventId,
                subjectKey, now);
        wakeAfterCommit();
        return ids;
    }

    private String render(String accountId, String subjectType, String subjectId) {
        var renderer = renderers.get(subjectType);
        Object data = renderer == null ? null : renderer.render(accountId, subjectId).orElse(null);
        return json.writeValueAsString(data == null ? Map.of("id", subjectId) : data);
    }

    private void wakeAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dispatcher.wake();
                }
            });
        } else {
            dispatcher.wake();
        }
    }
}
