package io.atende.webhook;

import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.atende.audit.AuditTrail;
import io.atende.platform.Ids;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.platform.Page;
import io.atende.platform.PageRequest;
import io.atende.platform.RuleViolationException;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Webhook subscriptions of an account and the log of their deliveries. */
@Service
public class WebhookManagement {

    private static final int MAX_URL = 2000;
    private static final int MAX_SECRET = 200;
    private static final int DELETE_ATTEMPTS = 5;

    private final WebhookRepository repository;
    private final WebhookOutbox outbox;
    private final Destinations destinations;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;

    WebhookManagement(WebhookRepository repository, WebhookOutbox outbox, Destinations destinations, Clock clock,
                      PlatformTransactionManager transactionManager, AuditTrail audit) {
        this.audit = audit;
        this.repository = repository;
        this.outbox = outbox;
        this.destinations = destinations;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * Subscribes a URL. The secret is generated when not given and returned this once. Refused as
     * invalid for a URL that is not http(s), does not resolve or points into a private network
     * (unless allowed), an unknown event name, chat events in the TomTicket format, or a secret
     * that cannot sign the format.
     */
    @Transactional
    public CreatedWebhook create(String accountId, CreateWebhook command) {
        WebhookFormat format = command.format() == null ? WebhookFormat.STANDARD : command.format();
        String url = checkUrl(command.url());
        List<String> events = checkEvents(command.events(), format);
        String secret = command.secret() == null ? Signatures.newSecret(format) : checkSecret(command.secret(), format);
        Instant now = clock.instant();
        var row = new WebhookRepository.Subscription(Ids.newId(), url, format, events, secret,
                command.active() == null || command.active(), null, 0, null, now, now);
        repository.insertSubscription(accountId, row);
        audit.record(accountId, "webhook.created", "webhook", row.id(), null, audited(row, false));
        return new CreatedWebhook(row.view(), secret);
    }

    /**
     * Changes a subscription; members left {@code null} keep their value. Switching it on again
     * clears a pause and a 410. Returns the secret only when it changed.
     */
    @Transactional
    public CreatedWebhook update(String accountId, String webhookId, UpdateWebhook changes) {
        var current = find(accountId, webhookId);
        WebhookFormat format = changes.format() == null ? current.format() : changes.format();
        String url = changes.url() == null ? current.url() : checkUrl(changes.url());
        List<String> events = checkEvents(changes.events() == null ? current.events() : changes.events(), format);
        String secret = changes.secret() == null ? current.secret() : checkSecret(changes.secret(), format);
        if (!Signatures.fits(format, secret)) {
            throw new InvalidInputException("secret", "webhook.secret_required_for_format", format.wireName());
        }
        boolean active = changes.active() == null ? current.active() : changes.active();
        boolean reactivated = active && (!current.active() || current.pausedUntil() != null);
        var row = new WebhookRepository.Subscription(current.id(), url, format, events, secret, active,
                reactivated ? null : current.disabledReason(), reactivated ? 0 : current.consecutiveFailures(),
                reactivated ? null : current.pausedUntil(), current.createdAt(), clock.instant());
        repository.updateSubscription(accountId, row);
        audit.record(accountId, "webhook.updated", "webhook", row.id(), audited(current, false),
                audited(row, !secret.equals(current.secret())));
        return new CreatedWebhook(row.view(), secret.equals(current.secret()) ? null : secret);
    }

    /**
     * Deletes a subscription with its pending deliveries and its log. An event being queued for
     * it in a concurrent transaction adds a delivery the deletion did not see, and the database
     * then refuses to remove the subscription; the deletion runs again and takes that one too.
     */
    public void delete(String accountId, String webhookId) {
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.executeWithoutResult(status -> {
                    var subscription = find(accountId, webhookId);
                    repository.deleteSubscription(accountId, subscription.id());
                    audit.record(accountId, "webhook.deleted", "webhook", subscription.id(), audited(subscription, false), null);
                });
                return;
            } catch (DataIntegrityViolationException deliveryAddedMeanwhile) {
                if (attempt == DELETE_ATTEMPTS) {
                    throw deliveryAddedMeanwhile;
                }
            }
        }
    }

    /** What the audit log keeps of a subscription: never its secret, only that it changed. */
    private static Map<String, Object> audited(WebhookRepository.Subscription subscription, boolean secretChanged) {
        var fields = new LinkedHashMap<String, Object>();
        // Only the host: a receiver's path or query often is itself a secret (a chat tool's incoming-hook address).
        fields.put("host", java.net.URI.create(subscription.url()).getHost());
        fields.put("format", subscription.format());
        fields.put("events", subscription.events());
        fields.put("active", subscription.active());
        if (secretChanged) {
            fields.put("secret_changed", true);
        }
        return fields;
    }

    /**
     * For an erasure of personal data: forgets the events about the subjects (ids of customers, tickets, chats) with
     * their deliveries, pending or made, and the recorded attempts (a response may echo the payload).
     */
    @Transactional
    public void forgetSubjects(String accountId, Collection<String> subjectIds) {
        var ids = List.copyOf(subjectIds);
        for (int from = 0; from < ids.size(); from += 500) {
            repository.forgetSubjects(accountId, ids.subList(from, Math.min(ids.size(), from + 500)));
        }
    }

    /** The subscription, without its secret, or not found. */
    @Transactional(readOnly = true)
    public WebhookView get(String accountId, String webhookId) {
        return find(accountId, webhookId).view();
    }

    /** Subscriptions, oldest first. */
    @Transactional(readOnly = true)
    public Page<WebhookView> list(String accountId, PageRequest page) {
        return repository.listSubscriptions(accountId, page).map(WebhookRepository.Subscription::view);
    }

    /**
     * Queues a {@code webhook.test} event for this subscription only, through the same outbox,
     * signing and retries as real events; refused when the subscription is switched off.
     */
    @Transactional
    public DeliveryView test(String accountId, String webhookId) {
        var subscription = find(accountId, webhookId);
        if (!subscription.active()) {
            throw new RuleViolationException("webhook.inactive");
        }
        String deliveryId = outbox.enqueueTest(accountId, subscription);
        return repository.findDelivery(accountId, deliveryId).orElseThrow();
    }

    /** Deliveries, newest first, optionally of one subscription (not found if unknown) and in one status. */
    @Transactional(readOnly = true)
    public Page<DeliveryView> deliveries(String accountId, String webhookId, DeliveryStatus status, PageRequest page) {
        String subscriptionId = webhookId == null ? null : find(accountId, webhookId).id();
        return repository.listDeliveries(accountId, subscriptionId, status, page);
    }

    /** The delivery with its attempts, or not found. */
    @Transactional(readOnly = true)
    public DeliveryView delivery(String accountId, String deliveryId) {
        return repository.findDelivery(accountId, deliveryId)
                .orElseThrow(() -> new NotFoundException("webhook.delivery_not_found", deliveryId));
    }

    /**
     * Sends a delivered or failed event again as a new delivery (same event, same
     * {@code webhook-id}); refused while the original is still pending or its subscription is off.
     */
    @Transactional
    public DeliveryView redeliver(String accountId, String deliveryId) {
        var original = delivery(accountId, deliveryId);
        if (original.status() == DeliveryStatus.PENDING) {
            throw new RuleViolationException("webhook.delivery_pending");
        }
        if (!find(accountId, original.webhookId()).active()) {
            throw new RuleViolationException("webhook.inactive");
        }
        String subjectKey = repository.subjectKey(accountId, original.id()).orElseThrow();
        String newId = Ids.newId();
        outbox.enqueueAgain(accountId, original.webhookId(), original.eventId(), subjectKey, newId);
        return repository.findDelivery(accountId, newId).orElseThrow();
    }

    private WebhookRepository.Subscription find(String accountId, String webhookId) {
        return repository.findSubscription(accountId, webhookId)
                .orElseThrow(() -> new NotFoundException("webhook.not_found", webhookId));
    }

    private String checkUrl(String given) {
        if (given == null || given.isBlank()) {
            throw new InvalidInputException("url", "parameter.required");
        }
        String url = given.strip();
        if (url.length() > MAX_URL) {
            throw new InvalidInputException("url", "webhook.invalid_url");
        }
        var uri = Destinations.parse(url).orElseThrow(() -> new InvalidInputException("url", "webhook.invalid_url"));
        if (!destinations.allowsPort(uri)) {
            throw new InvalidInputException("url", "webhook.forbidden_port", String.valueOf(uri.getPort()));
        }
        try {
            var forbidden = destinations.forbiddenAddress(uri);
            if (forbidden.isPresent()) {
                throw new InvalidInputException("url", "webhook.private_destination", forbidden.get().getHostAddress());
            }
        } catch (UnknownHostException unknown) {
            throw new InvalidInputException("url", "webhook.unknown_host", uri.getHost());
        }
        return url;
    }

    private static List<String> checkEvents(List<String> given, WebhookFormat format) {
        var events = new LinkedHashSet<String>();
        for (String name : given) {
            String event = name.strip();
            if (!WebhookEvents.isKnown(event)) {
                throw new InvalidInputException("events", "webhook.unknown_event", event);
            }
            if (format == WebhookFormat.TOMTICKET && !WebhookEvents.TOMTICKET_SUBJECTS.contains(event.substring(0, event.indexOf('.')))) {
                throw new InvalidInputException("events", "webhook.event_not_in_format", event);
            }
            events.add(event);
        }
        return new ArrayList<>(events);
    }

    private static String checkSecret(String given, WebhookFormat format) {
        String secret = given.strip();
        if (secret.isEmpty() || secret.length() > MAX_SECRET) {
            throw new InvalidInputException("secret", "webhook.invalid_secret");
        }
        if (!Signatures.fits(format, secret)) {
            throw new InvalidInputException("secret", "webhook.secret_required_for_format", format.wireName());
        }
        return secret;
    }
}
