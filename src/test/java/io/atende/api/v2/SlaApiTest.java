package io.atende.api.v2;


import io.atende.sla.SlaManagement;
import io.atende.sla.TicketTraits;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;
import io.atende.ticket.Priority;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;


import static io.atende.api.v2.CalendarApiTest.names;
import static org.assertj.core.api.Assertions.assertThat;

/** docs/sla.md, Policies: /sla/new, /list, /update, /delete, and which policy applies to a ticket. */
@ApiTest
class SlaApiTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    SlaManagement sla;

    Tenant tenant;
    String calendar;
    String department;
    String category;
    String organization;

    @BeforeEach
    void newAccount() {
        tenant = tenants.create();
        calendar = tenant.admin().post("/calendar/new", "name", "Escritório", "time_zone", "America/Sao_Paulo", "hours", "mon-fri 08:00-18:00").id();
        department = tenant.admin().post("/department/new", "name", "Suporte").id();
        category = tenant.admin().post("/department/category/new", "department_id", department, "name", "Impressoras").id();
        organization = tenant.writer().post("/organization/new", "name", "ACME").id();
    }

    @Test
    void createsAPolicyWithConditionsTargetsAndDefaults() {
        var created = tenant.admin().post("/sla/new", "name", " Urgentes ACME ", "calendar_id", calendar, "department_id", department,
                "category_id", category, "priority", "4, 3", "organization_id", organization, "first_reply_minutes", "30",
                "next_reply_minutes", "60", "resolution_minutes", "480");

        assertThat(created.status()).as(created.text()).isEqualTo(200);
        assertThat(created.message()).isEqualTo("SLA policy created.");
        assertThat(created.id()).matches("[0-9a-f]{32}");
        var data = created.data();
        assertThat(data.get("id").asString()).isEqualTo(created.id());
        assertThat(data.get("name").asString()).isEqualTo("Urgentes ACME");
        assertThat(data.get("calendar_id").asString()).isEqualTo(calendar);
        assertThat(data.get("department_id").asString()).isEqualTo(department);
        assertThat(data.get("category_id").asString()).isEqualTo(category);
        assertThat(data.get("priority").toString()).isEqualTo("[3,4]");
        assertThat(data.get("organization_id").asString()).isEqualTo(organization);
        assertThat(data.get("first_reply_minutes").asInt()).isEqualTo(30);
        assertThat(data.get("next_reply_minutes").asInt()).isEqualTo(60);
        assertThat(data.get("resolution_minutes").asInt()).isEqualTo(480);
        assertThat(data.get("warning_percent").asInt()).isEqualTo(80);
        assertThat(data.get("position").asInt()).isEqualTo(1);
        assertThat(data.get("active").asBoolean()).isTrue();

        var plain = tenant.admin().post("/sla/new", "name", "Geral", "resolution_minutes", "1440", "warning_percent", "50", "active", "0");
        assertThat(plain.data().get("calendar_id").isNull()).isTrue();
        assertThat(plain.data().get("department_id").isNull()).isTrue();
        assertThat(plain.data().get("priority").size()).isZero();
        assertThat(plain.data().get("first_reply_minutes").isNull()).isTrue();
        assertThat(plain.data().get("position").asInt()).isEqualTo(2);
        assertThat(plain.data().get("warning_percent").asInt()).isEqualTo(50);
        assertThat(plain.data().get("active").asBoolean()).isFalse();
    }

    @Test
    void listsPoliciesInTheOrderTheyAreTried() {
        tenant.admin().post("/sla/new", "name", "B", "resolution_minutes", "60", "position", "20");
        tenant.admin().post("/sla/new", "name", "A", "resolution_minutes", "60", "position", "10");
        tenant.admin().post("/sla/new", "name", "C", "resolution_minutes", "60", "position", "10");

        var listed = tenant.reader().get("/sla/list");

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("size").asInt()).isEqualTo(3);
        assertThat(names(listed.data())).containsExactly("A", "C", "B");
        assertThat(tenant.admin().post("/sla/new", "name", "D", "resolution_minutes", "60").data().get("position").asInt()).isEqualTo(21);
    }

    @Test
    void theFirstActivePolicyInPositionOrderWhoseConditionsMatchApplies() {
        tenant.admin().post("/sla/new", "name", "Inativa", "resolution_minutes", "10", "position", "1", "active", "0");
        String urgent = tenant.admin().post("/sla/new", "name", "Urgentes", "priority", "4", "resolution_minutes", "60", "position", "2").id();
        String acme = tenant.admin().post("/sla/new", "name", "ACME", "organization_id", organization, "department_id", department,
                "resolution_minutes", "240", "position", "3").id();
        String general = tenant.admin().post("/sla/new", "name", "Geral", "resolution_minutes", "1440", "position", "9").id();
        String account = tenant.accountId();

        assertThat(sla.policyFor(account, new TicketTraits(department, null, Priority.URGENT, organization)).orElseThrow().id()).isEqualTo(urgent);
        assertThat(sla.policyFor(account, new TicketTraits(department, category, Priority.HIGH, organization)).orElseThrow().id()).isEqualTo(acme);
        assertThat(sla.policyFor(account, new TicketTraits(null, null, Priority.HIGH, organization)).orElseThrow().id()).isEqualTo(general);
        assertThat(sla.policyFor(account, new TicketTraits(department, null, Priority.LOW, null)).orElseThrow().id()).isEqualTo(general);

        tenant.admin().post("/sla/update", "sla_id", general, "active", "0");
        assertThat(sla.policyFor(account, new TicketTraits(department, null, Priority.LOW, null))).isEmpty();
        assertThat(sla.policyFor(tenants.create().accountId(), new TicketTraits(department, null, Priority.URGENT, organization))).isEmpty();
    }

    @Test
    void refusesBadDefinitionsCreatingNothing() {
        tenant.admin().post("/sla/new", "name", "Padrão", "resolution_minutes", "60");
        String otherDepartment = tenant.admin().post("/department/new", "name", "Vendas").id();

        assertThat(tenant.admin().post("/sla/new", "resolution_minutes", "60").message()).contains("\"name\"");
        var noTarget = tenant.admin().post("/sla/new", "name", "X");
        assertThat(noTarget.status()).isEqualTo(400);
        assertThat(noTarget.message()).contains("resolution_minutes");
        for (String[] bad : new String[][] {{"resolution_minutes", "0"}, {"first_reply_minutes", "abc"}, {"next_reply_minutes", "5256001"},
                {"priority", "5"}, {"priority", "x"}, {"warning_percent", "100"}, {"warning_percent", "0"}, {"position", "-1"},
                {"active", "talvez"}}) {
            var refused = bad[0].equals("resolution_minutes") ? tenant.admin().post("/sla/new", "name", "X", bad[0], bad[1])
                    : tenant.admin().post("/sla/new", "name", "X", "resolution_minutes", "60", bad[0], bad[1]);
            assertThat(refused.status()).as(bad[0] + "=" + bad[1]).isEqualTo(400);
            assertThat(refused.message()).as(bad[0] + "=" + bad[1]).contains(bad[0]);
        }
        String unknown = "0".repeat(32);
        for (String reference : new String[] {"calendar_id", "department_id", "category_id", "organization_id"}) {
            assertThat(tenant.admin().post("/sla/new", "name", "X", "resolution_minutes", "60", reference, unknown).status())
                    .as(reference).isEqualTo(404);
        }
        var elsewhere = tenant.admin().post("/sla/new", "name", "X", "resolution_minutes", "60", "department_id", otherDepartment,
                "category_id", category);
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.message()).contains("category_id");
        var duplicate = tenant.admin().post("/sla/new", "name", "PADRÃO", "resolution_minutes", "60");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.message()).contains("PADRÃO");

        assertThat(names(tenant.reader().get("/sla/list").data())).containsExactly("Padrão");
    }

    @Test
    void updateChangesWhatIsSentClearsWhatIsSentEmptyAndKeepsTheRest() {
        String policy = tenant.admin().post("/sla/new", "name", "Padrão", "calendar_id", calendar, "department_id", department,
                "priority", "3,4", "first_reply_minutes", "30", "resolution_minutes", "480", "position", "5").id();
        tenant.admin().post("/sla/new", "name", "Outra", "resolution_minutes", "60");

        var updated = tenant.admin().post("/sla/update", "sla_id", policy, "department_id", "", "calendar_id", "", "priority", "1",
                "first_reply_minutes", "", "next_reply_minutes", "90", "warning_percent", "70");

        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.message()).isEqualTo("SLA policy updated.");
        var data = updated.data();
        assertThat(data.get("name").asString()).isEqualTo("Padrão");
        assertThat(data.get("calendar_id").isNull()).isTrue();
        assertThat(data.get("department_id").isNull()).isTrue();
        assertThat(data.get("priority").toString()).isEqualTo("[1]");
        assertThat(data.get("first_reply_minutes").isNull()).isTrue();
        assertThat(data.get("next_reply_minutes").asInt()).isEqualTo(90);
        assertThat(data.get("resolution_minutes").asInt()).isEqualTo(480);
        assertThat(data.get("warning_percent").asInt()).isEqualTo(70);
        assertThat(data.get("position").asInt()).isEqualTo(5);

        assertThat(tenant.admin().post("/sla/update", "name", "X").message()).contains("sla_id");
        assertThat(tenant.admin().post("/sla/update", "sla_id", "0".repeat(32), "name", "X").status()).isEqualTo(404);
        assertThat(tenant.admin().post("/sla/update", "sla_id", policy, "name", "OUTRA").status()).isEqualTo(409);
        assertThat(tenant.admin().post("/sla/update", "sla_id", policy, "next_reply_minutes", "", "resolution_minutes", "").status())
                .isEqualTo(400);
        assertThat(tenant.admin().post("/sla/update", "sla_id", policy, "calendar_id", "0".repeat(32)).status()).isEqualTo(404);
        assertThat(tenant.reader().get("/sla/list").data().get(0).get("next_reply_minutes").asInt()).isEqualTo(90);
    }

    @Test
    void deletesAPolicyAndThePolicyKeepsItsDepartmentFromBeingDeleted() {
        String policy = tenant.admin().post("/sla/new", "name", "Padrão", "department_id", department, "category_id", category,
                "resolution_minutes", "60").id();

        assertThat(tenant.admin().post("/department/category/delete", "category_id", category).status()).isEqualTo(409);
        assertThat(tenant.admin().post("/department/delete", "department_id", department).status()).isEqualTo(409);

        var deleted = tenant.admin().post("/sla/delete", "sla_id", policy);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.message()).isEqualTo("SLA policy deleted.");
        assertThat(deleted.data().asBoolean()).isTrue();
        assertThat(tenant.reader().get("/sla/list").json().get("size").asInt()).isZero();
        assertThat(tenant.admin().post("/sla/delete", "sla_id", policy).status()).isEqualTo(404);
        assertThat(tenant.admin().post("/sla/delete").message()).contains("sla_id");
        assertThat(tenant.admin().post("/department/delete", "department_id", department).status()).isEqualTo(200);
    }

    @Test
    void changesNeedAnAdminTokenAndReadingNeedsAToken() {
        String policy = tenant.admin().post("/sla/new", "name", "Padrão", "resolution_minutes", "60").id();

        assertThat(tenant.writer().post("/sla/new", "name", "X", "resolution_minutes", "60").status()).isEqualTo(403);
        assertThat(tenant.writer().post("/sla/update", "sla_id", policy, "name", "X").status()).isEqualTo(403);
        assertThat(tenant.writer().post("/sla/delete", "sla_id", policy).status()).isEqualTo(403);
        assertThat(tenant.anonymous().get("/sla/list").status()).isEqualTo(401);
        assertThat(names(tenant.reader().get("/sla/list").data())).containsExactly("Padrão");
    }

    @Test
    void anotherAccountSeesNoneOfThemAndCannotUseTheirIds() {
        String policy = tenant.admin().post("/sla/new", "name", "Padrão", "resolution_minutes", "60").id();
        var other = tenants.create();

        assertThat(other.reader().get("/sla/list").json().get("size").asInt()).isZero();
        assertThat(other.admin().post("/sla/update", "sla_id", policy, "name", "Hijacked").status()).isEqualTo(404);
        assertThat(other.admin().post("/sla/delete", "sla_id", policy).status()).isEqualTo(404);
        for (String[] reference : new String[][] {{"calendar_id", calendar}, {"department_id", department}, {"category_id", category},
                {"organization_id", organization}}) {
            assertThat(other.admin().post("/sla/new", "name", "X", "resolution_minutes", "60", reference[0], reference[1]).status())
                    .as(reference[0]).isEqualTo(404);
        }
        assertThat(other.admin().post("/sla/new", "name", "Padrão", "resolution_minutes", "60").status()).isEqualTo(200);
        assertThat(names(tenant.reader().get("/sla/list").data())).containsExactly("Padrão");
    }

}
