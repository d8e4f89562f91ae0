package io.atende.api.v2;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.atende.account.AccountManagement;
import io.atende.account.Caller;
import io.atende.retention.RetentionManagement;
import io.atende.retention.RetentionPolicy;
import io.atende.retention.RetentionPreview;
import io.atende.ticket.TicketRetentionAction;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import static io.atende.api.v2.ApiEndpoint.Param;

/** The account's retention policy (docs/data-protection.md, Retention): reading it, a dry run, and changing it. */
@RestController
@RequestMapping(ApiRoutes.BASE_PATH)
class RetentionApiV2Controller {

    private static final List<String> ACTIONS = List.of("anonymize", "delete");

    private final RetentionManagement retention;
    private final AccountManagement accounts;
    private final ApiMessages messages;

    RetentionApiV2Controller(RetentionManagement retention, AccountManagement accounts, ApiMessages messages) {
        this.retention = retention;
        this.accounts = accounts;
        this.messages = messages;
    }

    /** A policy; {@code null} months keep tickets, {@code null} days mean the installation's default. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PolicyWire(Integer ticketMonths, String ticketAction, Integer inboundRawDays, long defaultInboundRawDays) {
    }

    /** What the policy would do now. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PreviewWire(PolicyWire policy, long tickets, String ticketsEndedBefore, long inboundMessages, String inboundReadBefore) {
    }

    @GetMapping("/account/retention")
    @ApiEndpoint(access = Access.ADMIN, tag = "Account", extension = true,
            summary = "The account's retention policy: finished tickets anonymized or deleted after ticket_months, messages read "
                    + "from mailboxes kept as they came for inbound_raw_days")
    Map<String, Object> details(Caller caller, ApiParams params) {
        return Envelope.ok(messages.get("ok"), wire(retention.policy(caller.accountId())));
    }

    @PostMapping("/account/retention/update")
    @ApiEndpoint(access = Access.ADMIN, tag = "Account", extension = true,
            summary = "Set the account's retention policy; with dry_run=1 only count what it would change now, changing nothing. "
                    + "Omitted parameters keep their value",
            params = {@Param(name = "ticket_months", type = "integer",
                    description = "1 to 1200: finished and cancelled tickets that ended this many months ago are handled; 0 keeps them"),
                    @Param(name = "ticket_action", description = "anonymize (default) or delete"),
                    @Param(name = "inbound_raw_days", type = "integer",
                            description = "1 to 3650: days a message read from a mailbox is kept as it came; 0 for the installation's default"),
                    @Param(name = "dry_run", type = "boolean", description = "1: count only")})
    Map<String, Object> update(Caller caller, ApiParams params) {
        var current = retention.policy(caller.accountId());
        Integer months = params.has("ticket_months")
                ? params.integer("ticket_months", 0, RetentionPolicy.MAX_TICKET_MONTHS).filter(value -> value > 0).orElse(null)
                : current.ticketMonths();
        var action = params.oneOf("ticket_action", ACTIONS).map(value -> TicketRetentionAction.valueOf(value.toUpperCase(Locale.ROOT)))
                .orElse(current.ticketAction());
        Integer days = params.has("inbound_raw_days")
                ? params.integer("inbound_raw_days", 0, RetentionPolicy.MAX_INBOUND_RAW_DAYS).filter(value -> value > 0).orElse(null)
                : current.inboundRawDays();
        var policy = new RetentionPolicy(months, action, days);
        var preview = retention.preview(caller.accountId(), policy);
        if (params.flag("dry_run").orElse(false)) {
            return Envelope.ok(messages.get("retention.dry_run"), wire(preview, accounts.get(caller.accountId()).timeZone()));
        }
        retention.save(caller.accountId(), policy);
        return Envelope.ok(messages.get("retention.updated"), wire(preview, accounts.get(caller.accountId()).timeZone()));
    }

    private PolicyWire wire(RetentionPolicy policy) {
        return new PolicyWire(policy.ticketMonths(), policy.ticketAction().name().toLowerCase(Locale.ROOT), policy.inboundRawDays(),
                retention.defaultInboundRawDays());
    }

    private PreviewWire wire(RetentionPreview preview, ZoneId zone) {
        return new PreviewWire(wire(preview.policy()), preview.tickets(),
                preview.ticketsEndedBefore() == null ? null : ApiDates.format(preview.ticketsEndedBefore(), zone),
                preview.inboundMessages(), ApiDates.format(preview.rawReadBefore(), zone));
    }
}
