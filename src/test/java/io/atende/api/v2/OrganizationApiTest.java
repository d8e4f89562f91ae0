package io.atende.api.v2;

import java.util.ArrayList;
import java.util.List;

import io.atende.support.ApiResponse;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@ApiTest
class OrganizationApiTest {

    @Autowired
    TestTenants tenants;

    Tenant tenant;

    @BeforeEach
    void newAccount() {
        tenant = tenants.create();
    }

    @Test
    void createsOrganizationsAndListsThemByNameWithTheirParent() {
        var holding = create("name", "Holding");
        var branch = create("name", "Branch", "parent_id", holding.id());

        assertThat(holding.status()).isEqualTo(200);
        assertThat(holding.message()).isEqualTo("Organization created.");
        assertThat(holding.id()).matches("[0-9a-f]{32}");
        assertThat(branch.data().get("parent").get("id").asString()).isEqualTo(holding.id());

        var list = tenant.reader().get("/organization/list");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("size").asInt()).isEqualTo(2);
        var first = list.data().get(0);
        assertThat(first.get("id").asString()).isEqualTo(branch.id());
        assertThat(first.get("name").asString()).isEqualTo("Branch");
        assertThat(first.get("parent").get("id").asString()).isEqualTo(holding.id());
        assertThat(first.get("parent").get("name").asString()).isEqualTo("Holding");
        assertThat(first.get("creation_date").asString()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}-03:00");
        var second = list.data().get(1);
        assertThat(second.get("parent").isObject()).isTrue();
        assertThat(second.get("parent").get("id").isNull()).isTrue();
        assertThat(second.get("parent").get("name").isNull()).isTrue();
    }

    @Test
    void refusesAMissingTooLongOrDuplicateNameAndAnUnknownParent() {
        create("name", "Acme");

        var missing = create();
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.message()).contains("name");
        assertThat(create("name", "a".repeat(251)).status()).isEqualTo(400);
        var duplicate = create("name", "  ACME ");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("error").asBoolean()).isTrue();
        assertThat(create("name", "Other", "parent_id", "0".repeat(32)).status()).isEqualTo(404);
        assertThat(tenant.reader().get("/organization/list").json().get("size").asInt()).isEqualTo(1);
    }

    @Test
    void showsTheDetailsOfOneOrganization() {
        String holding = create("name", "Holding").id();
        String branch = create("name", "Branch", "parent_id", holding).id();

        var details = tenant.reader().get("/organization/details", "organization_id", branch);

        assertThat(details.status()).isEqualTo(200);
        assertThat(details.data().get("id").asString()).isEqualTo(branch);
        assertThat(details.data().get("name").asString()).isEqualTo("Branch");
        assertThat(details.data().get("parent").get("name").asString()).isEqualTo("Holding");
        assertThat(tenant.reader().get("/organization/details").status()).isEqualTo(400);
        assertThat(tenant.reader().get("/organization/details", "organization_id", "0".repeat(32)).status()).isEqualTo(404);
    }

    @Test
    void renamesAndMovesAnOrganization() {
        String first = create("name", "First").id();
        String second = create("name", "Second").id();

        var renamed = update("organization_id", second, "name", "Segunda", "parent_id", first);
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.message()).isEqualTo("Organization updated.");
        assertThat(renamed.data().get("name").asString()).isEqualTo("Segunda");
        assertThat(renamed.data().get("parent").get("id").asString()).isEqualTo(first);

        var keptParent = update("organization_id", second, "name", "SEGUNDA");
        assertThat(keptParent.status()).isEqualTo(200);
        assertThat(keptParent.data().get("parent").get("id").asString()).isEqualTo(first);

        var topLevel = update("organization_id", second, "parent_id", "");
        assertThat(topLevel.status()).isEqualTo(200);
        assertThat(topLevel.data().get("parent").get("id").isNull()).isTrue();
        assertThat(details(second).get("name").asString()).isEqualTo("SEGUNDA");
        assertThat(details(second).get("parent").get("id").isNull()).isTrue();
    }

    @Test
    void refusesAParentThatWouldMakeACycle() {
        String top = create("name", "Top").id();
        String middle = create("name", "Middle", "parent_id", top).id();
        String bottom = create("name", "Bottom", "parent_id", middle).id();

        var itself = update("organization_id", top, "parent_id", top);
        var descendant = update("organization_id", top, "parent_id", bottom, "name", "Renamed");

        assertThat(itself.status()).isEqualTo(409);
        assertThat(descendant.status()).isEqualTo(409);
        assertThat(details(top).get("name").asString()).isEqualTo("Top");
        assertThat(details(top).get("parent").get("id").isNull()).isTrue();
        // Moving down the tree's other way is fine.
        assertThat(update("organization_id", bottom, "parent_id", top).status()).isEqualTo(200);
    }

    @Test
    void aFailedUpdateChangesNothing() {
        create("name", "Acme");
        String other = create("name", "Other").id();

        assertThat(update("organization_id", other, "name", "acme").status()).isEqualTo(409);
        assertThat(update("organization_id", other, "name", "New", "parent_id", "0".repeat(32)).status()).isEqualTo(404);
        assertThat(update("organization_id", other, "name", "").status()).isEqualTo(400);
        assertThat(update("organization_id", other, "name", "b".repeat(251)).status()).isEqualTo(400);
        assertThat(update("name", "New").status()).isEqualTo(400);
        assertThat(update("organization_id", "0".repeat(32), "name", "New").status()).isEqualTo(404);

        assertThat(details(other).get("name").asString()).isEqualTo("Other");
        assertThat(details(other).get("parent").get("id").isNull()).isTrue();
    }

    @Test
    void anEmptyListHasSizeAndPagesZero() {
        var empty = tenant.reader().get("/organization/list");

        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().get("size").asInt()).isZero();
        assertThat(empty.json().get("pages").asInt()).isZero();
        assertThat(empty.data().size()).isZero();
    }

    @Test
    void pagesFiftyOrganizationsAtATime() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 52; i++) {
            String name = String.format("Org %02d", i);
            names.add(name);
            create("name", name);
        }

        var first = tenant.reader().get("/organization/list", "page", "1");
        var second = tenant.reader().get("/organization/list", "page", "2");

        assertThat(first.json().get("pages").asInt()).isEqualTo(2);
        assertThat(first.data().size()).isEqualTo(50);
        assertThat(second.data().size()).isEqualTo(2);
        List<String> listed = new ArrayList<>();
        first.data().forEach(item -> listed.add(item.get("name").asString()));
        second.data().forEach(item -> listed.add(item.get("name").asString()));
        assertThat(listed).containsExactlyElementsOf(names);
        assertThat(tenant.reader().get("/organization/list", "page", "3").status()).isEqualTo(404);
        assertThat(tenant.reader().get("/organization/list", "page", "-1").status()).isEqualTo(400);
    }

    @Test
    void writesNeedAWriteTokenAndEverythingNeedsAToken() {
        String acme = create("name", "Acme").id();

        assertThat(tenant.reader().post("/organization/new", "name", "X").status()).isEqualTo(403);
        assertThat(tenant.reader().post("/organization/update", "organization_id", acme, "name", "X").status()).isEqualTo(403);
        assertThat(tenant.anonymous().post("/organization/new", "name", "X").status()).isEqualTo(401);
        assertThat(tenant.anonymous().post("/organization/update", "organization_id", acme, "name", "X").status()).isEqualTo(401);
        assertThat(tenant.anonymous().get("/organization/list").status()).isEqualTo(401);
        assertThat(tenant.anonymous().get("/organization/details", "organization_id", acme).status()).isEqualTo(401);
        assertThat(tenant.admin().post("/organization/new", "name", "By admin").status()).isEqualTo(200);
        assertThat(tenant.reader().get("/organization/list").json().get("size").asInt()).isEqualTo(2);
        assertThat(details(acme).get("name").asString()).isEqualTo("Acme");
    }

    @Test
    void anotherAccountSeesNoneOfItAndGets404ForItsIds() {
        String acme = create("name", "Acme").id();
        var other = tenants.create();

        assertThat(other.reader().get("/organization/list").json().get("size").asInt()).isZero();
        assertThat(other.reader().get("/organization/details", "organization_id", acme).status()).isEqualTo(404);
        assertThat(other.writer().post("/organization/update", "organization_id", acme, "name", "Hijacked").status()).isEqualTo(404);
        assertThat(other.writer().post("/organization/new", "name", "Branch", "parent_id", acme).status()).isEqualTo(404);
        String own = other.writer().post("/organization/new", "name", "Acme").id();
        assertThat(own).isNotEqualTo(acme);
        assertThat(other.writer().post("/organization/update", "organization_id", own, "parent_id", acme).status()).isEqualTo(404);
        assertThat(details(acme).get("name").asString()).isEqualTo("Acme");
    }

    private ApiResponse create(String... params) {
        return tenant.writer().post("/organization/new", params);
    }

    private ApiResponse update(String... params) {
        return tenant.writer().post("/organization/update", params);
    }

    private JsonNode details(String organizationId) {
        var response = tenant.reader().get("/organization/details", "organization_id", organizationId);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.data();
    }
}
