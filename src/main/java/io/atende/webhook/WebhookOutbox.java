package io.atende.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.atende.account.AccountManagement;
import io.atende.platform.DomainEvent;
import io.atende.platform.Ids;
import io.atende.platform.PublicAddress;
import io.atende.platform.TransactionBatches;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox: every public event becomes one event row and one delivery row per
 * matching subscription, written inside the transaction that published the event (a synchronous
 * listener collects it; the rows are written when that transaction flushes or just before it
 * commits). A rolled-back change therefore emits nothing, and a committed one is on disk before
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
    private final Map<String, WebhookSubjectSnapshots> snapshots;
    private final AccountManagement accounts;
    private final WebhookDispatcher dispatcher;
    private final PublicAddress address;
    private final JsonMapper json;
    private final Clock clock;

    WebhookOutbox(WebhookRepository repository, List<WebhookSubjectSnapshots> snapshots, AccountManagement accounts,
                  WebhookDispatcher dispatcher, PublicAddress address, JsonMapper json, Clock clock) {
        this.repository = repository;
        this.snapshots = snapshots.stream().collect(Collectors.toMap(WebhookSubjectSnapshots::subjectType, Function.identity()));
        this.accounts = accounts;
        this.dispatcher = dispatcher;
        this.address = address;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Collects the event for the end of its transaction, where the events of all its changes are
     * queued together: a transaction that opened 64 tickets thus reads its account's subscriptions
     * once, takes the 64 snapshots in a few reads instead of 13 each, and writes the event and
     * delivery rows in two statements, all while it holds the account's protocol counter. The
     * snapshot is the subject as the transaction leaves it, in the terms of the module that owns it;
     * its wire shape is rendered at delivery, after the commit.
     */
    @EventListener
    void on(DomainEvent event) {
        TransactionBatches.collect(this, event, this::queue);
    }

    /** Writes the event and delivery rows of the events, taking one snapshot of each subject a Standard Webhooks subscription wants. */
    private void queue(List<DomainEvent> events) {
        Map<String, List<DomainEvent>> byAccount = events.stream()
                .collect(Collectors.groupingBy(DomainEvent::accountId, LinkedHashMap::new, Collectors.toList()));
        Instant now = clock.instant();
        byAccount.forEach((accountId, published) -> {
            var subscriptions = repository.activeSubscriptions(accountId);
            if (subscriptions.isEmpty()) {
                return;
            }
            List<Queued> queued = new ArrayList<>();
            Map<String, Set<String>> toTake = new LinkedHashMap<>();
            for (var event : published) {
                var matching = subscriptions.stream().filter(subscription -> wants(subscription, event.eventName(), event.subjectType())).toList();
                if (matching.isEmpty()) {
                    continue;
                }
                queued.add(new Queued(event, matching));
                // The snapshot costs its reads only when a Standard Webhooks subscription will send it.
                if (matching.stream().anyMatch(subscription -> subscription.format() == WebhookFormat.STANDARD)) {
                    toTake.computeIfAbsent(event.subjectType(), type -> new LinkedHashSet<>()).add(event.subjectId());
                }
            }
            if (queued.isEmpty()) {
                return;
            }
            Map<String, Map<String, ?>> taken = new HashMap<>();
            toTake.forEach((type, ids) -> {
                var taker = snapshots.get(type);
                taken.put(type, taker == null ? Map.of() : taker.snapshots(accountId, ids));
            });
            Context context = taken.values().stream().allMatch(Map::isEmpty) ? null : context(accountId);
            List<WebhookRepository.EventRow> eventRows = new ArrayList<>();
            List<WebhookRepository.DeliveryRow> deliveryRows = new ArrayList<>();
            for (var item : queued) {
                var event = item.event();
                String data = null;
                String snapshot = null;
                if (toTake.getOrDefault(event.subjectType(), Set.of()).contains(event.subjectId())) {
                    Object subject = taken.get(event.subjectType()).get(event.subjectId());
                    if (subject == null) {
                        data = json.writeValueAsString(Map.of("id", event.subjectId()));
                    } else {
                        snapshot = stored(subject, context);
                    }
                }
                String eventId = Ids.newId();
                eventRows.add(new WebhookRepository.EventRow(eventId, event.eventName(), event.subjectType(), event.subjectId(), data,
                        snapshot, now));
                String subjectKey = event.subjectType() + ":" + event.subjectId();
                item.subscriptions().forEach(subscription ->
                        deliveryRows.add(new WebhookRepository.DeliveryRow(Ids.newId(), subscription.id(), eventId, subjectKey)));
            }
            repository.insertEvents(accountId, eventRows);
            repository.insertDeliveries(accountId, deliveryRows, now);
            wakeAfterCommit();
        });
    }

    /** What the rendering of a snapshot depends on besides its subject, fixed when it is taken. */
    private record Context(String zone, String origin) {
    }

    private Context context(String accountId) {
        // Links in the API's answers are absolute within a request; the delivery keeps those of the request that made the change.
        return new Context(accounts.get(accountId).timeZone().getId(), address.current().orElse(null));
    }

    /** The snapshot column: the subject with its context, read back by {@link WebhookSender}. */
    private String stored(Object subject, Context context) {
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put(StoredSnapshot.ZONE, context.zone());
        stored.put(StoredSnapshot.ORIGIN, context.origin());
        stored.put(StoredSnapshot.SUBJECT, subject);
        return json.writeValueAsString(stored);
    }

    /** An event with the subscriptions that want it. */
    private record Queued(DomainEvent event, List<WebhookRepository.Subscription> subscriptions) {
    }

    /** A rule's notification goes to its one subscription, if it still exists; a paused or inactive one keeps it waiting as any. */
    @EventListener
    void on(WebhookNotificationRequested requested) {
        repository.findSubscription(requested.accountId(), requested.webhookId()).ifPresent(subscription -> {
            Map<String, Object> data = new java.util.LinkedHashMap<>();
            data.put("ticket_id", requested.ticketId());
            data.put("protocol", requested.protocol());
            data.put("rule_id", requested.ruleId());
            data.put("rule_name", requested.ruleName());
            data.put("message", requested.message());
            enqueue(requested.accountId(), WebhookNotificationRequested.EVENT, "ticket", requested.ticketId(),
                    json.writeValueAsString(data), List.of(subscription), "rule:" + Ids.newId());
        });
    }

    /** Queues the test event of {@code /webhook/test} for one subscription; returns the delivery id. */
    String enqueueTest(String accountId, WebhookRepository.Subscription subscription) {
        String data = json.writeValueAsString(Map.of("webhook_id", subscription.id()));
        return enqueue(accountId, WebhookEvents.TEST, "webhook", subscription.id(), data, List.of(subscription),
                "test:" + Ids.newId()).get(0);
    }

    /** Queues the same event again for the same subscription; it takes its turn behind pending events of its subject. */
    void enqueueAgain(String accountId, String subscriptionId, String eventId, String subjectKey, String deliveryId) {
        repository.insertDeliveries(accountId, List.of(new WebhookRepository.DeliveryRow(deliveryId, subscriptionId, eventId, subjectKey)),
                clock.instant());
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
        repository.insertEvents(accountId, List.of(new WebhookRepository.EventRow(eventId, eventName, subjectType, subjectId, data, null, now)));
        var rows = subscriptions.stream()
                .map(subscription -> new WebhookRepository.DeliveryRow(Ids.newId(), subscription.id(), eventId, subjectKey)).toList();
        repository.insertDeliveries(accountId, rows, now);
        wakeAfterCommit();
        return rows.stream().map(WebhookRepository.DeliveryRow::id).toList();
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
