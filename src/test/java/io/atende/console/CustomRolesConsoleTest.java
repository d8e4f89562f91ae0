package io.atende.console;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.atende.operator.OperatorRole;
import io.atende.operator.Permission;
import io.atende.support.ApiTest;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.TwoDepartments;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static io.atende.support.ApiResponse.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/security.md, Roles and department visibility: an admin defines custom roles as a list of permissions in the
 * console (Administration, Roles) and gives one to an operator there or through the API ({@code role_id}); each
 * permission opens exactly its pages and actions, the built-in roles stay fixed, and one account's roles are invisible
 * to another.
 */
@ApiTest
class CustomRolesConsoleTest {

    private static final String NO_SUCH_ID = "0".repeat(32);

    @Autowired
    TestTenants tenants;

    TwoDepartments account;

    @BeforeEach
    void anAccountWithTwoDepartmentsAndATicketInBilling() {
        account = tenants.twoDepartments();
    }

    /** A request that the permission opens: the status it answers with the permission, and without it. */
    private record Probe(boolean post, String path, int granted, int refused) {
    }

    private Map<Permission, Probe> probes() {
        var probes = new LinkedHashMap<Permission, Probe>();
        probes.put(Permission.VIEW_ALL_DEPARTMENTS, new Probe(false, "/console/tickets/" + account.billingTicket(), 200, 404));
        probes.put(Permission.VIEW_REPORTS, new Probe(false, "/console/reports", 200, 403));
        probes.put(Permission.EXPORT_DATA, new Probe(false, "/console/reports/tickets.csv", 200, 403));
        probes.put(Permission.MANAGE_KB, new Probe(false, "/console/kb", 200, 403));
        // Reaching the action is enough: with the permission the unknown customer is "not found", without it refused.
        probes.put(Permission.DELETE_CUSTOMERS, new Probe(true, "/console/customers/" + NO_SUCH_ID + "/delete", 404, 403));
        probes.put(Permission.MANAGE_MACROS, new Probe(false, "/console/admin/macros", 200, 403));
        probes.put(Permission.MANAGE_AUTOMATIONS, new Probe(false, "/console/admin/triggers", 200, 403));
        probes.put(Permission.VIEW_AUDIT_LOG, new Probe(false, "/console/admin/audit", 200, 403));
        probes.put(Permission.ADMINISTER_ACCOUNT, new Probe(false, "/console/admin/operators", 200, 403));
        return probes;
    }

    /** Creates a role on the roles page and answers its id. */
    private String createRole(BrowserSession session, String name, Set<Permission> permissions) {
        session.get("/console/admin/roles");
        var fields = new ArrayList<String>(List.of("name", name));
        permissions.forEach(permission -> {
            fields.add("permission");
            fields.add(permission.name());
        });
        var created = session.post("/console/admin/roles", fields.toArray(String[]::new));
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        var section = session.get("/console/admin/roles").document().selectFirst("section[aria-label=\"" + name + "\"]");
        assertThat(section).as("the role is listed").isNotNull();
        return section.id().substring("role-".length());
    }

    /** An operator given the role on their page by the admin, signed in. */
    private BrowserSession operatorWithRole(String roleId) {
        var operator = tenants.operator(account.tenant().accountId(), OperatorRole.OPERATOR);
        account.admin().get("/console/admin/operators/" + operator.id());
        var saved = account.admin().post("/console/admin/operators/" + operator.id(), "name", operator.name(), "email", operator.email(),
                "role", "custom:" + roleId, "active", "true");
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        ok(account.tenant().admin().post("/department/operator/add", "department_id", account.support(), "operator_id", operator.id()));
        return tenants.signIn(operator);
    }

    private static int answer(BrowserSession session, Probe probe) {
        if (probe.post()) {
            session.get("/console");
            return session.post(probe.path()).status();
        }
        return session.get(probe.path()).status();
    }

    @Test
    void eachPermissionOpensItsPagesAndNoOther() {
        var probes = probes();
        for (Permission permission : Permission.values()) {
            // The CSV comes with the reports it is a download of.
            Set<Permission> held = permission == Permission.EXPORT_DATA
                    ? EnumSet.of(Permission.EXPORT_DATA, Permission.VIEW_REPORTS) : EnumSet.of(permission);
            var session = operatorWithRole(createRole(account.admin(), "Only " + permission.name().toLowerCase(), held));
            probes.forEach((probed, probe) -> assertThat(answer(session, probe)).as(permission + " asking " + probe.path())
                    .isEqualTo(held.contains(probed) ? probe.granted() : probe.refused()));
            boolean administration = held.stream().anyMatch(p -> Set.of(Permission.ADMINISTER_ACCOUNT, Permission.MANAGE_MACROS,
                    Permission.MANAGE_AUTOMATIONS, Permission.VIEW_AUDIT_LOG).contains(p));
            assertThat(session.get("/console/admin").status()).as(permission + " asking the administration's index")
                    .isEqualTo(administration ? 200 : 403);
            assertThat(session.get("/console").document().select("nav a[href=/console/admin]")).hasSize(administration ? 1 : 0);
        }
    }

    @Test
    void theAdministrationShowsOnlyTheAreasTheRoleOpens() {
        var session = operatorWithRole(createRole(account.admin(), "Macros", EnumSet.of(Permission.MANAGE_MACROS)));
        var index = session.get("/console/admin");
        assertThat(index.document().select("main ul.cards a").eachAttr("href")).containsExactly("/console/admin/macros");
        assertThat(session.get("/console/admin/roles").status()).isEqualTo(403);
        assertThat(session.get("/console/admin/settings").status()).isEqualTo(403);
    }

    @Test
    void aRoleWithNoPermissionIsAnAgentWithoutTheKnowledgeBase() {
        var session = operatorWithRole(createRole(account.admin(), "Triagem", EnumSet.noneOf(Permission.class)));
        assertThat(session.get("/console/tickets?queue=all").status()).isEqualTo(200);
        assertThat(session.get("/console/kb").status()).isEqualTo(403);
        assertThat(session.get("/console").document().select("nav a[href=/console/kb]")).isEmpty();
    }

    @Test
    void aChangedRoleAppliesAtTheNextRequestAndTheOperatorListNamesIt() {
        String roleId = createRole(account.admin(), "Leitura", EnumSet.noneOf(Permission.class));
        var session = operatorWithRole(roleId);
        assertThat(session.get("/console/reports").status()).isEqualTo(403);
        account.admin().get("/console/admin/roles");
        assertThat(account.admin().post("/console/admin/roles/" + roleId, "name", "Leitura", "permission", "VIEW_REPORTS").status()).isEqualTo(302);
        assertThat(session.get("/console/reports").status()).isEqualTo(200);
        assertThat(account.admin().get("/console/admin/operators").text("main")).contains("Leitura");
        assertThat(account.admin().get("/console/admin/audit").text("main")).contains("role.updated");
    }

    @Test
    void theBuiltInRolesAreShownFixedAndKeepWorking() {
        var page = account.admin().get("/console/admin/roles");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.document().select("#permission-table tbody tr")).hasSize(Permission.values().length);
        var supervisor = tenants.signedIn(account.tenant().accountId(), OperatorRole.SUPERVISOR).session();
        assertThat(supervisor.get("/console/reports/tickets.csv").status()).isEqualTo(200);
        assertThat(supervisor.get("/console/admin/roles").status()).isEqualTo(403);
        var agent = tenants.signedIn(account.tenant().accountId(), OperatorRole.OPERATOR).session();
        assertThat(agent.get("/console/kb").status()).isEqualTo(200);
    }

    @Test
    void aRoleNeedsAnUnusedNameAndIsNotDeletedWhileAnOperatorHasIt() {
        String roleId = createRole(account.admin(), "Supervisão Financeira", EnumSet.of(Permission.VIEW_REPORTS));
        account.admin().get("/console/admin/roles");
        var twice = account.admin().post("/console/admin/roles", "name", "supervisão financeira", "permission", "VIEW_REPORTS");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.text("main")).contains("supervisão financeira");
        var unknownPermission = account.admin().post("/console/admin/roles", "name", "Outra", "permission", "EVERYTHING");
        assertThat(unknownPermission.status()).isEqualTo(400);

        operatorWithRole(roleId);
        account.admin().get("/console/admin/roles");
        var inUse = account.admin().post("/console/admin/roles/" + roleId + "/delete");
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(account.admin().get("/console/admin/roles").document().select("#role-" + roleId)).hasSize(1);

        String unused = createRole(account.admin(), "Sem uso", EnumSet.noneOf(Permission.class));
        account.admin().get("/console/admin/roles");
        assertThat(account.admin().post("/console/admin/roles/" + unused + "/delete").status()).isEqualTo(302);
        assertThat(account.admin().get("/console/admin/roles").document().select("#role-" + unused)).isEmpty();
    }

    @Test
    void theApiGivesAndShowsACustomRole() {
        String roleId = createRole(account.admin(), "Relatórios", EnumSet.of(Permission.VIEW_REPORTS, Permission.EXPORT_DATA));
        var created = ok(account.tenant().admin().post("/operator/new", "name", "Rita", "email", "rita@example.com", "role_id", roleId));
        assertThat(created.data().get("role_id").asString()).isEqualTo(roleId);
        assertThat(created.data().get("role_name").asString()).isEqualTo("Relatórios");
        assertThat(created.data().get("permissions").toString()).isEqualTo("[\"view_reports\",\"export_data\"]");
        // A built-in role given later replaces the custom one.
        var updated = ok(account.tenant().admin().post("/operator/update", "operator_id", created.id(), "role", "supervisor"));
        assertThat(updated.data().get("role").asString()).isEqualTo("supervisor");
        assertThat(updated.data().get("role_id").isNull()).isTrue();
        assertThat(account.tenant().admin().post("/operator/update", "operator_id", created.id(), "role_id", NO_SUCH_ID).status()).isEqualTo(404);
    }

    @Test
    void anotherAccountsRolesAreNotSeenNorGiven() {
        String roleId = createRole(account.admin(), "Reservado", EnumSet.of(Permission.ADMINISTER_ACCOUNT));
        var other = tenants.create();
        var otherAdmin = tenants.signedIn(other.accountId(), OperatorRole.ADMIN).session();
        var page = otherAdmin.get("/console/admin/roles");
        assertThat(page.text("main")).doesNotContain("Reservado");
        var victim = tenants.operator(other.accountId(), OperatorRole.OPERATOR);
        otherAdmin.get("/console/admin/operators/" + victim.id());
        assertThat(otherAdmin.get("/console/admin/operators/" + victim.id()).document().select("#role option").eachText())
                .doesNotContain("Reservado");
        var given = otherAdmin.post("/console/admin/operators/" + victim.id(), "name", victim.name(), "email", victim.email(),
                "role", "custom:" + roleId, "active", "true");
        assertThat(given.status()).isEqualTo(404);
        otherAdmin.get("/console/admin/roles");
        assertThat(otherAdmin.post("/console/admin/roles/" + roleId, "name", "Tomado").status()).isEqualTo(404);
        assertThat(otherAdmin.post("/console/admin/roles/" + roleId + "/delete").status()).isEqualTo(404);
        assertThat(other.admin().post("/operator/update", "operator_id", victim.id(), "role_id", roleId).status()).isEqualTo(404);
        assertThat(account.admin().get("/console/admin/roles").document().select("#role-" + roleId)).as("untouched").hasSize(1);
        assertThat(account.admin().get("/console/admin/roles").text("#role-" + roleId)).doesNotContain("Tomado");
    }

    @Test
    void anAuditReaderLimitedToDepartmentsReadsOnlyTheEntriesAboutThem() {
        var session = operatorWithRole(createRole(account.admin(), "Auditoria", EnumSet.of(Permission.VIEW_AUDIT_LOG)));
        ok(account.tenant().admin().post("/department/update", "department_id", account.support(), "name", "Suporte N1"));
        ok(account.tenant().admin().post("/department/update", "department_id", account.billing(), "name", "Financeiro N1"));
        var codes = session.get("/console/admin/audit").document().select("main td code").eachText();
        assertThat(codes).contains("department.updated", account.support()).doesNotContain(account.billing(), "role.created");
        var everything = account.admin().get("/console/admin/audit").document().select("main td code").eachText();
        assertThat(everything).contains(account.support(), account.billing(), "role.created");
    }
}
