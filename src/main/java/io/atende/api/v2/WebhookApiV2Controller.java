package io.atende.api.v2;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.atende.account.Caller;
import io.atende.webhook.CreateWebhook;
import io.atende.webhook.DeliveryStatus;
import io.atende.webhook.DeliveryView;
import io.atende.webhook.UpdateWebhook;
import io.atende.webhook.WebhookFormat;
import io.atende.webhook.WebhookManagement;
import io.atende.webhook.WebhookView;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import static io.atende.api.v2.ApiEndpoint.Param;

@RestController
@RequestMapping(ApiRoutes.BASE_PATH)
class WebhookApiV2Controller {

    private static final String TAG = "Webhooks";
    private static final String EVENTS_DESCRIPTION = "Comma-separated event names (or events[0], events[1], ...); empty means every event. "
            + "Names: ticket.created, ticket.updated, ticket.replied, ticket.commented, ticket.operator_linked, ticket.transferred, "
            + "ticket.status_opened, ticket.status_closed, ticket.finished, ticket.cancelled, ticket.reopened, ticket.evaluated, ticket.sla_warning, ticket.sla_breached, "
            + "customer.created, customer.updated, customer.deleted, customer.anonymized, chat.created, chat.accepted, chat.message, chat.finished. "
            + "The tomticket format carries ticket and customer events only";
    private static final List<String> FORMATS = List.of("tomticket", "standard");
    private static final List<String> STATUSES = List.of("pending", "delivered", "failed");

    private final WebhookManagement webhooks;
    private final ApiMessages messages;

    WebhookApiV2Controller(WebhookManagement webhooks, ApiMessages messages) {
        this.webhooks = webhooks;
        this.messages = messages;
    }

    /** A subscription; {@code secret} appears only in the answer that created or changed it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record WebhookWire(String id, String url, String format, List<String> events, boolean active, String status,
                       String disabledReason, int consecutiveFailures, String pausedUntil, String creationDate,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

        static WebhookWire of(WebhookView webhook, String secret, ZoneId zone) {
            String status = !webhook.active() ? "disabled" : webhook.pausedUntil() != null ? "paused" : "active";
            return new WebhookWire(webhook.id(), webhook.url(), webhook.format().wireName(), webhook.events(), webhook.active(), status,
                    webhook.disabledReason(), webhook.consecutiveFailures(), ApiDates.format(webhook.pausedUntil(), zone),
                    ApiDates.format(webhook.createdAt(), zone), secret);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AttemptWire(String date, int durationMs, Integer responseStatus, String responseBody, String error, String node) {

        static AttemptWire of(DeliveryView.AttemptView attempt, ZoneId zone) {
            return new AttemptWire(ApiDates.format(attempt.attemptedAt(), zone), attempt.durationMs(), attempt.statusCode(),
                    attempt.response(), attempt.error(), attempt.node());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DeliveryWire(String id, String webhookId, String eventId, String event, String subjectType, String subjectId, String status,
                        int attempts, Integer lastResponseStatus, String lastError, String nextAttemptDate, String creationDate,
                        String completionDate, List<AttemptWire> log) {

        static DeliveryWire of(DeliveryView delivery, ZoneId zone) {
            boolean pending = delivery.status() == DeliveryStatus.PENDING;
            return new DeliveryWire(delivery.id(), delivery.webhookId(), delivery.eventId(), delivery.event(), delivery.subjectType(),
                    delivery.subjectId(), delivery.status().wireName(), delivery.attempts(), delivery.lastStatusCode(), delivery.lastError(),
                    pending ? ApiDates.format(delivery.nextAttemptAt(), zone) : null, ApiDates.format(delivery.createdAt(), zone),
                    ApiDates.format(delivery.completedAt(), zone), delivery.log().stream().map(attempt -> AttemptWire.of(attempt, zone)).toList());
        }
    }

    @PostMapping("/webhook/new")
    @ApiEndpoint(access = Access.ADMIN, tag = TAG, extension = true,
            summary = "Subscribe a URL to events; the answer holds the secret, shown this once",
            params = {@Param(name = "url", required = true, description = "http(s) URL; loopback, link-local and private networks are refused "
                            + "unless the server allows them"),
                    @Param(name = "format", description = "standard (default: Standard Webhooks, the full object as data) or tomticket "
                            + "({\"type\",\"id\",\"action\"} signed with X-Hub-Signature)"),
                    @Param(name = "events", type = "csv", description = EVENTS_DESCRIPTION),
                    @Param(name = "secret", description = "Generated when omitted; for standard, whsec_ followed by base64 of 24 to 64 bytes"),
                    @Param(name = "active", type = "boolean", description = "1 (default) or 0")})
    Map<String, Object> create(Caller caller, ApiParams params) {
        String url = params.required("url");
        var created = webhooks.create(caller.accountId(), new CreateWebhook(url, format(params), events(params), params.raw("secret"),
                params.flag("active").orElse(null)));
        return Envelope.created(messages.get("webhook.created"), WebhookWire.of(created.webhook(), created.secret(), caller.timeZone()),
                Map.of("id", created.webhook().id()));
    }

    @PostMapping("/webhook/update")
    @ApiEndpoint(access = Access.ADMIN, tag = TAG, extension = true,
            summary = "Change a subscription; omitted fields keep their value; active=1 also ends a pause or a 410",
            params = {@Param(name = "webhook_id", required = true), @Param(name = "url"), @Param(name = "format"),
                    @Param(name = "events", type = "csv", description = "Sent empty: every event"),
                    @Param(name = "secret", description = "A new secret; returned in the answer"),
                    @Param(name = "active", type = "boolean")})
    Map<String, Object> update(Caller caller, ApiParams params) {
        String webhookId = params.required("webhook_id");
        List<String> events = params.has("events") || !params.map("events").isEmpty() ? events(params) : null;
        var updated = webhooks.update(caller.accountId(), webhookId, new UpdateWebhook(params.has("url") ? nonNull(params.raw("url")) : null,
                format(params), events, params.has("secret") ? nonNull(params.raw("secret")) : null, params.flag("active").orElse(null)));
        return Envelope.ok(messages.get("webhook.updated"), WebhookWire.of(updated.webhook(), updated.secret(), caller.timeZone()));
    }

    @PostMapping("/webhook/delete")
    @ApiEndpoint(access = Access.ADMIN, tag = TAG, extension = true, summary = "Delete a subscription with its pending deliveries and log",
            params = @Param(name = "webhook_id", required = true))
    Map<String, Object> delete(Caller caller, ApiParams params) {
        webhooks.delete(caller.accountId(), params.required("webhook_id"));
        return Envelope.ok(messages.get("webhook.deleted"), true);
    }

    @GetMapping("/webhook/list")
    @ApiEndpoint(access = Access.ADMIN, tag = TAG, extension = true, summary = "List subscriptions, oldest first, without their secrets",
            params = @Param(name = "page", type = "integer", description = "Page number, 50 items per page"))
    Map<String, Object> list(Caller caller, ApiParams params) {
        int page = params.page();
        return Envelope.page(messages.get("ok"), webhooks.list(caller.accountId(), io.atende.platform.PageRequest.of(page)),
                webhook -> WebhookWire.of(webhook, null, caller.timeZone()));
    }

    @PostMapping("/webhook/test")
    @ApiEndpoint(access = Access.ADMIN, tag = TAG, extension = true,
            summary = "Queue a webhook.test event for this subscription now; follow it in /webhook/delivery/list",
            params = @Param(name = "webhook_id", required = true))
    Map<String, Object> test(Caller caller, ApiParams params) {
        var delivery = webhooks.test(caller.accountId(), params.required("webhook_id"));
        return Envelope.created(messages.get("webhook.test_queued"), DeliveryWire.of(delivery, caller.timeZone()),
                Map.of("id", delivery.id()));
    }

    @GetMapping("/webhook/delivery/list")
    @ApiEndpoint(access = Access.ADMIN, tag = TAG, extension = true,
            summary = "Deliveries, newest first, each with its attempts (time, duration, response status, first 4 KB of the answer)",
            params = {@Param(name = "webhook_id", description = "Only this subscription's deliveries"),
                    @Param(name = "status", description = "pending, delivered or failed"),
                    @Param(name = "page", type = "integer", description = "Page number, 50 items per page")})
    Map<String, Object> deliveries(Caller caller, ApiParams params) {
        var status = params.oneOf("status", STATUSES).flatMap(DeliveryStatus::fromWireName).orElse(null);
        int page = params.page();
        var found = webhooks.deliveries(caller.accountId(), params.raw("webhook_id"), status, io.atende.platform.PageRequest.of(page));
        return Envelope.page(messages.get("ok"), found, delivery -> DeliveryWire.of(delivery, caller.timeZone()));
    }

    @PostMapping("/webhook/delivery/redeliver")
    @ApiEndpoint(access = Access.ADMIN, tag = TAG, extension = true,
            summary = "Send a delivered or failed event again, as a new delivery with the same webhook-id",
            params = @Param(name = "delivery_id", required = true))
    Map<String, Object> redeliver(Caller caller, ApiParams params) {
        var delivery = webhooks.redeliver(caller.accountId(), params.required("delivery_id"));
        return Envelope.created(messages.get("webhook.redelivered"), DeliveryWire.of(delivery, caller.timeZone()),
                Map.of("id", delivery.id()));
    }

    private static WebhookFormat format(ApiParams params) {
        return params.oneOf("format", FORMATS).flatMap(WebhookFormat::fromWireName).orElse(null);
    }

    private static List<String> events(ApiParams params) {
        List<String> events = new ArrayList<>(params.csv("events"));
        params.map("events").values().stream().map(String::strip).filter(name -> !name.isEmpty()).forEach(events::add);
        return events;
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
