package io.atende.api.v2;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.atende.account.Caller;
import io.atende.sla.DefinePolicy;
import io.atende.sla.SlaConditions;
import io.atende.sla.SlaManagement;
import io.atende.sla.SlaPolicy;
import io.atende.sla.SlaTargets;
import io.atende.ticket.Priority;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import static io.atende.api.v2.ApiEndpoint.Param;

/**
 * SLA policies: targets in business minutes for the tickets that meet their conditions. The first active policy in
 * position order whose conditions match is the one that applies.
 */
@RestController
@RequestMapping(ApiRoutes.BASE_PATH)
class SlaApiV2Controller {

    private final SlaManagement sla;
    private final ApiMessages messages;

    SlaApiV2Controller(SlaManagement sla, ApiMessages messages) {
        this.sla = sla;
        this.messages = messages;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PolicyWire(String id, String name, String calendarId, String departmentId, String categoryId, List<Integer> priority,
                      String organizationId, Long firstReplyMinutes, Long nextReplyMinutes, Long resolutionMinutes, int warningPercent,
                      int position, boolean active, String creationDate) {

        static PolicyWire of(SlaPolicy policy, ZoneId zone) {
            var conditions = policy.conditions();
            var targets = policy.targets();
            return new PolicyWire(policy.id(), policy.name(), policy.calendarId(), conditions.departmentId(), conditions.categoryId(),
                    conditions.priorities().stream().sorted().map(TicketWires::priorityCode).toList(), conditions.organizationId(),
                    minutes(targets.firstReply()), minutes(targets.nextReply()), minutes(targets.resolution()), policy.warningPercent(),
                    policy.position(), policy.active(), ApiDates.format(policy.createdAt(), zone));
        }

        private static Long minutes(Duration target) {
            return target == null ? null : target.toMinutes();
        }
    }

    @GetMapping("/sla/list")
    @ApiEndpoint(access = Access.READ, tag = "SLA", extension = true,
            summary = "List the account's SLA policies in the order they are tried (the whole list, with size)")
    Map<String, Object> list(Caller caller, ApiParams params) {
        var items = sla.listPolicies(caller.accountId()).stream().map(policy -> PolicyWire.of(policy, caller.timeZone())).toList();
        return Envelope.list(messages.get("ok"), items);
    }

    @PostMapping("/sla/new")
    @ApiEndpoint(access = Access.ADMIN, tag = "SLA", extension = true,
            summary = "Create an SLA policy; it needs at least one target",
            params = {@Param(name = "name", required = true, description = "Unique in the account, ignoring case; at most 250 characters"),
                    @Param(name = "calendar_id", description = "The calendar the targets count on; empty: 24x7"),
                    @Param(name = "department_id", description = "Condition: tickets of this department"),
                    @Param(name = "category_id", description = "Condition: tickets of this category"),
                    @Param(name = "priority", type = "csv", description = "Condition: tickets of one of these priority codes (1 to 4)"),
                    @Param(name = "organization_id", description = "Condition: tickets of customers of this organization"),
                    @Param(name = "first_reply_minutes", type = "integer", description = "Business minutes to the first operator reply"),
                    @Param(name = "next_reply_minutes", type = "integer", description = "Business minutes to answer each customer reply"),
                    @Param(name = "resolution_minutes", type = "integer", description = "Business minutes to finish the ticket"),
                    @Param(name = "warning_percent", type = "integer", description = "Share of a target's time after which it is at risk, 1 to 99; default 80"),
                    @Param(name = "position", type = "integer", description = "Policies are tried by position, lowest first; default: after the others"),
                    @Param(name = "active", type = "boolean", description = "Default true")})
    Map<String, Object> create(Caller caller, ApiParams params) {
        var definition = new DefinePolicy(params.requiredText("name", 250), params.raw("calendar_id"),
                new SlaConditions(params.raw("department_id"), params.raw("category_id"), TicketWires.priorities(params, "priority"),
                        params.raw("organization_id")),
                new SlaTargets(target(params, "first_reply_minutes").orElse(null), target(params, "next_reply_minutes").orElse(null),
                        target(params, "resolution_minutes").orElse(null)),
                params.integer("warning_percent", 1, 99).orElse(DefinePolicy.DEFAULT_WARNING_PERCENT),
                params.integer("position", 0, 1_000_000).orElse(null), params.flag("active").orElse(true));
        var policy = sla.createPolicy(caller.accountId(), definition);
        return Envelope.created(messages.get("sla.created"), PolicyWire.of(policy, caller.timeZone()), Map.of("id", policy.id()));
    }

    @PostMapping("/sla/update")
    @ApiEndpoint(access = Access.ADMIN, tag = "SLA", extension = true,
            summary = "Change an SLA policy; a parameter left out keeps its value, one sent empty clears a condition or target",
            params = {@Param(name = "sla_id", required = true), @Param(name = "name"), @Param(name = "calendar_id", description = "Empty: 24x7"),
                    @Param(name = "department_id"), @Param(name = "category_id"), @Param(name = "priority", type = "csv"),
                    @Param(name = "organization_id"), @Param(name = "first_reply_minutes", type = "integer"),
                    @Param(name = "next_reply_minutes", type = "integer"), @Param(name = "resolution_minutes", type = "integer"),
                    @Param(name = "warning_percent", type = "integer"), @Param(name = "position", type = "integer"),
                    @Param(name = "active", type = "boolean")})
    Map<String, Object> update(Caller caller, ApiParams params) {
        var current = sla.getPolicy(caller.accountId(), params.required("sla_id"));
        var conditions = current.conditions();
        var targets = current.targets();
        Set<Priority> priorities = params.has("priority") ? TicketWires.priorities(params, "priority") : conditions.priorities();
        var definition = new DefinePolicy(params.has("name") ? params.requiredText("name", 250) : current.name(),
                params.has("calendar_id") ? params.raw("calendar_id") : current.calendarId(),
                new SlaConditions(params.has("department_id") ? params.raw("department_id") : conditions.departmentId(),
                        params.has("category_id") ? params.raw("category_id") : conditions.categoryId(),
                        priorities,
                        params.has("organization_id") ? params.raw("organization_id") : conditions.organizationId()),
                new SlaTargets(params.has("first_reply_minutes") ? target(params, "first_reply_minutes").orElse(null) : targets.firstReply(),
                        params.has("next_reply_minutes") ? target(params, "next_reply_minutes").orElse(null) : targets.nextReply(),
                        params.has("resolution_minutes") ? target(params, "resolution_minutes").orElse(null) : targets.resolution()),
                params.integer("warning_percent", 1, 99).orElse(current.warningPercent()),
                params.integer("position", 0, 1_000_000).orElse(null), params.flag("active").orElse(current.active()));
        var policy = sla.updatePolicy(caller.accountId(), current.id(), definition);
        return Envelope.ok(messages.get("sla.updated"), PolicyWire.of(policy, caller.timeZone()));
    }

    @PostMapping("/sla/delete")
    @ApiEndpoint(access = Access.ADMIN, tag = "SLA", extension = true, summary = "Delete an SLA policy",
            params = @Param(name = "sla_id", required = true))
    Map<String, Object> delete(Caller caller, ApiParams params) {
        sla.deletePolicy(caller.accountId(), params.required("sla_id"));
        return Envelope.ok(messages.get("sla.deleted"), true);
    }

    private static Optional<Duration> target(ApiParams params, String name) {
        return params.integer(name, 1, SlaManagement.MAX_MINUTES).map(Duration::ofMinutes);
    }
}
