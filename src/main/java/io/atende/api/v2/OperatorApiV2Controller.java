package io.atende.api.v2;

import java.util.List;
import java.util.Map;

import io.atende.account.Caller;
import io.atende.operator.Availability;
import io.atende.operator.CreateOperator;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorRole;
import io.atende.operator.OperatorView;
import io.atende.operator.UpdateOperator;
import io.atende.platform.PageRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import static io.atende.api.v2.ApiEndpoint.Param;

@RestController
@RequestMapping(ApiRoutes.BASE_PATH)
class OperatorApiV2Controller {

    private static final List<String> ROLES = List.of("operator", "supervisor", "admin");

    private final OperatorManagement operators;
    private final ApiMessages messages;

    OperatorApiV2Controller(OperatorManagement operators, ApiMessages messages) {
        this.operators = operators;
        this.messages = messages;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record OperatorWire(String id, String name, String email, String mailHash, String role, String roleId, String roleName,
                        List<String> permissions, boolean active, String creationDate, String availability) {

        static OperatorWire of(OperatorView operator, Caller caller, Availability availability) {
            return new OperatorWire(operator.id(), operator.name(), operator.email(), Wire.mailHash(operator.email()),
                    operator.role().name().toLowerCase(java.util.Locale.ROOT), operator.customRoleId(), operator.customRoleName(),
                    operator.permissions().stream().sorted().map(permission -> permission.name().toLowerCase(java.util.Locale.ROOT)).toList(),
                    operator.active(),
                    ApiDates.format(operator.createdAt(), caller.timeZone()),
                    (availability == null ? Availability.OFFLINE : availability).name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    @GetMapping("/operator/list")
    @ApiEndpoint(access = Access.READ, tag = "Operators", extension = true, summary = "List the account's operators, by name",
            params = @Param(name = "page", type = "integer", description = "Page number, 50 items per page"))
    Map<String, Object> list(Caller caller, ApiParams params) {
        var page = operators.list(caller.accountId(), PageRequest.of(params.page()));
        var availability = operators.availabilities(caller.accountId(), page.items().stream().map(OperatorView::id).toList());
        return Envelope.page(messages.get("ok"), page, operator -> OperatorWire.of(operator, caller, availability.get(operator.id())));
    }

    @PostMapping("/operator/new")
    @ApiEndpoint(access = Access.ADMIN, tag = "Operators", extension = true, summary = "Create an operator",
            params = {@Param(name = "name", required = true), @Param(name = "email", required = true),
                    @Param(name = "password", description = "At least 8 characters; without it the operator cannot sign in"),
                    @Param(name = "role", description = "operator (default; an agent: sees the tickets and chats of their departments), supervisor (every department and the reports) or admin"),
                    @Param(name = "role_id", description = "A custom role's id (console: Administration, Roles); takes the place of role"),
                    @Param(name = "active", type = "boolean", description = "1 (default) or 0")})
    Map<String, Object> create(Caller caller, ApiParams params) {
        var operator = operators.create(caller.accountId(), new CreateOperator(params.requiredText("name", 250),
                params.required("email"), params.raw("password"), role(params), params.flag("active").orElse(true), customRole(params)));
        return Envelope.created(messages.get("operator.created"), OperatorWire.of(operator, caller, Availability.OFFLINE), Map.of("id", operator.id()));
    }

    @PostMapping("/operator/update")
    @ApiEndpoint(access = Access.ADMIN, tag = "Operators", extension = true, summary = "Change an operator; omitted fields keep their value",
            params = {@Param(name = "operator_id", required = true), @Param(name = "name"), @Param(name = "email"),
                    @Param(name = "password"), @Param(name = "role", description = "operator, supervisor or admin: a built-in role, in place of any custom one"),
                    @Param(name = "role_id", description = "A custom role's id; takes the place of role"),
                    @Param(name = "active", type = "boolean", description = "0 deactivates: the operator keeps their history but cannot be linked")})
    Map<String, Object> update(Caller caller, ApiParams params) {
        var operator = operators.update(caller.accountId(), new UpdateOperator(params.required("operator_id"),
                params.text("name", 250), params.raw("email"), params.raw("password"), role(params),
                params.flag("active").orElse(null), customRole(params)));
        return Envelope.ok(messages.get("operator.updated"),
                OperatorWire.of(operator, caller, operators.availability(caller.accountId(), operator.id())));
    }

    private static final List<String> AVAILABILITIES = java.util.Arrays.stream(Availability.values())
            .map(availability -> availability.name().toLowerCase(java.util.Locale.ROOT)).toList();

    @PostMapping("/operator/availability")
    @ApiEndpoint(access = Access.WRITE, tag = "Operators", extension = true,
            summary = "Set whether an operator takes work now; automatic assignment gives tickets only to operators online",
            params = {@Param(name = "operator_id", required = true),
                    @Param(name = "availability", required = true, description = "online, away or offline")})
    Map<String, Object> availability(Caller caller, ApiParams params) {
        String operatorId = params.required("operator_id");
        params.required("availability");
        var availability = Availability.valueOf(params.oneOf("availability", AVAILABILITIES).orElseThrow()
                .toUpperCase(java.util.Locale.ROOT));
        operators.setAvailability(caller.accountId(), operatorId, availability);
        return Envelope.ok(messages.get("operator.availability_changed"),
                Map.of("operator_id", operatorId, "availability", availability.name().toLowerCase(java.util.Locale.ROOT)));
    }

    @PostMapping("/operator/delete")
    @ApiEndpoint(access = Access.ADMIN, tag = "Operators", extension = true,
            summary = "Delete an operator that no ticket or chat is or was linked to and who wrote nothing in one (409 otherwise: deactivate instead)",
            params = @Param(name = "operator_id", required = true))
    Map<String, Object> delete(Caller caller, ApiParams params) {
        operators.delete(caller.accountId(), params.required("operator_id"));
        return Envelope.ok(messages.get("operator.deleted"), true);
    }

    /** A custom role's id; an unknown one (or another account's) is 404 from the operator module. */
    private static String customRole(ApiParams params) {
        String id = params.raw("role_id");
        return id == null || id.isBlank() ? null : id.strip();
    }

    private static OperatorRole role(ApiParams params) {
        return params.oneOf("role", ROLES).map(role -> OperatorRole.valueOf(role.toUpperCase(java.util.Locale.ROOT))).orElse(null);
    }
}
