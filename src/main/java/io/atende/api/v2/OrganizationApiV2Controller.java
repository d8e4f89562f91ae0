package io.atende.api.v2;

import java.util.Map;

import io.atende.account.Caller;
import io.atende.customer.Change;
import io.atende.customer.OrganizationManagement;
import io.atende.customer.OrganizationView;
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
class OrganizationApiV2Controller {

    private final OrganizationManagement organizations;
    private final ApiMessages messages;

    OrganizationApiV2Controller(OrganizationManagement organizations, ApiMessages messages) {
        this.organizations = organizations;
        this.messages = messages;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record OrganizationWire(String id, String name, Wire.Ref parent, String creationDate) {

        static OrganizationWire of(OrganizationView organization, Caller caller) {
            var parent = organization.parentId() == null ? Wire.Ref.EMPTY : new Wire.Ref(organization.parentId(), organization.parentName());
            return new OrganizationWire(organization.id(), organization.name(), parent,
                    ApiDates.format(organization.createdAt(), caller.timeZone()));
        }
    }

    @GetMapping("/organization/list")
    @ApiEndpoint(access = Access.READ, tag = "Organizations", summary = "List organizations, by name",
            params = @Param(name = "page", type = "integer", description = "Page number, 50 items per page"))
    Map<String, Object> list(Caller caller, ApiParams params) {
        var page = organizations.list(caller.accountId(), PageRequest.of(params.page()));
        return Envelope.page(messages.get("ok"), page, organization -> OrganizationWire.of(organization, caller));
    }

    @GetMapping("/organization/details")
    @ApiEndpoint(access = Access.READ, tag = "Organizations", extension = true, summary = "One organization",
            params = @Param(name = "organization_id", required = true))
    Map<String, Object> details(Caller caller, ApiParams params) {
        var organization = organizations.get(caller.accountId(), params.required("organization_id"));
        return Envelope.ok(messages.get("ok"), OrganizationWire.of(organization, caller));
    }

    @PostMapping("/organization/new")
    @ApiEndpoint(access = Access.WRITE, tag = "Organizations", extension = true, summary = "Create an organization",
            params = {@Param(name = "name", required = true, description = "Unique in the account, ignoring case; at most 250 characters"),
                    @Param(name = "parent_id", description = "The organization this one belongs to")})
    Map<String, Object> create(Caller caller, ApiParams params) {
        var organization = organizations.create(caller.accountId(), params.requiredText("name", 250), params.raw("parent_id"));
        return Envelope.created(messages.get("organization.created"), OrganizationWire.of(organization, caller),
                Map.of("id", organization.id()));
    }

    @PostMapping("/organization/update")
    @ApiEndpoint(access = Access.WRITE, tag = "Organizations", extension = true,
            summary = "Rename an organization or move it below another one (409 if that would make a cycle)",
            params = {@Param(name = "organization_id", required = true), @Param(name = "name"),
                    @Param(name = "parent_id", description = "The new parent; sent empty, the organization becomes top-level")})
    Map<String, Object> update(Caller caller, ApiParams params) {
        String organizationId = params.required("organization_id");
        String name = params.has("name") ? params.requiredText("name", 250) : null;
        Change<String> parent = params.has("parent_id") ? Change.to(params.raw("parent_id")) : null;
        var organization = organizations.update(caller.accountId(), organizationId, name, parent);
        return Envelope.ok(messages.get("organization.updated"), OrganizationWire.of(organization, caller));
    }

    @PostMapping("/organization/delete")
    @ApiEndpoint(access = Access.WRITE, extension = true, tag = "Organizations",
            summary = "Delete an organization; its customers stay, without an organization. 409 while it has child organizations or an SLA policy names it",
            params = @Param(name = "organization_id", required = true))
    Map<String, Object> delete(Caller caller, ApiParams params) {
        organizations.delete(caller.accountId(), params.required("organization_id"));
        return Envelope.ok(messages.get("organization.deleted"), true);
    }
}
