package io.atende.api.v2;

import java.util.ArrayList;
import java.util.List;

import io.atende.operator.OperatorRole;
import io.atende.support.ApiTest;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@ApiTest
class AuditApiTest {

    @Autowired
    TestTenants tenants;

    Tenant tenant;

    @BeforeEach
    void newAccount() {
        tenant = tenants.create();
    }

    @Test
    void recordsAnOperatorsLifeWithTheTokenThatActedItsAddressAndBeforeAndAfter() {
        String id = tenant.admin().post("/operator/new", "name", "Ana", "email", "ana@example.com", "password", "segredo-da-ana",
                "role", "operator").id();
        tenant.admin().post("/operator/update", "operator_id", id, "role", "admin", "password", "outro-segredo");
        tenant.admin().post("/operator/delete", "operator_id", id);

        var listed = tenant.admin().get("/audit/list", "subject_id", id);

        assertThat(listed.status()).isEqualTo(200);
        assertThat(actions(listed.data())).containsExactly("operator.deleted", "operator.updated", "operator.created");
        var created = listed.data().get(2);
        assertThat(created.get("actor_type").asString()).isEqualTo("api_token");
        assertThat(created.get("actor_id").asString()).matches("[0-9a-f]{32}");
        assertThat(created.get("actor_name").asString()).isEqualTo("First admin token");
        assertThat(created.get("client_address").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(created.get("subject_type").asString()).isEqualTo("operator");
        assertThat(created.get("date").asString()).endsWith("-03:00");
        assertThat(created.get("after").get("email").asString()).isEqualTo("ana@example.com");
        assertThat(created.get("after").get("role").asString()).isEqualTo("OPERATOR");
        var updated = listed.data().get(1);
        assertThat(updated.get("before").get("role").asString()).isEqualTo("OPERATOR");
        assertThat(updated.get("after").get("role").asString()).isEqualTo("ADMIN");
        assertThat(updated.get("after").get("password_changed").asBoolean()).isTrue();
        assertThat(listed.data().get(0).get("before").get("name").asString()).isEqualTo("Ana");
        assertThat(listed.text()).doesNotContain("segredo-da-ana", "outro-segredo");
    }

    @Test
    void secretsNeverAppear() {
        var webhook = tenant.admin().post("/webhook/new", "url", "https://93.184.215.14/hooks/T0001/B0002/path-secret");
        String webhookSecret = webhook.data().get("secret").asString();
        tenant.admin().post("/webhook/update", "webhook_id", webhook.id(), "secret", "my-new-secret-value", "format", "tomticket");
        var token = tenant.admin().post("/token/new", "name", "ERP", "scope", "write");
        String tokenSecret = token.data().get("token").asString();
        tenant.admin().post("/token/revoke", "token_id", token.id());

        var everything = tenant.admin().get("/audit/list");

        assertThat(actions(everything.data())).contains("webhook.created", "webhook.updated", "token.issued", "token.revoked");
        assertThat(everything.text()).doesNotContain(webhookSecret, "my-new-secret-value", "path-secret", tokenSecret,
                tokenSecret.substring(0, 8), tenant.admin().token());
        var revoked = first(everything.data(), "token.revoked");
        assertThat(revoked.get("before").get("revoked").asBoolean()).isFalse();
        assertThat(revoked.get("after").get("revoked").asBoolean()).isTrue();
        assertThat(first(everything.data(), "webhook.updated").get("after").get("secret_changed").asBoolean()).isTrue();
        assertThat(first(everything.data(), "webhook.created").get("after").get("host").asString()).isEqualTo("93.184.215.14");
    }

    @Test
    void recordsDepartmentsCategoriesStatusesAndCustomFields() {
        String department = tenant.admin().post("/department/new", "name", "Suporte").id();
        tenant.admin().post("/department/update", "department_id", department, "name", "Suporte N1");
        String category = tenant.admin().post("/department/category/new", "department_id", department, "name", "Boletos").id();
        String operator = tenant.admin().post("/operator/new", "name", "Ana", "email", "ana@example.com").id();
        tenant.admin().post("/department/operator/add", "department_id", department, "operator_id", operator);
        String status = tenant.admin().post("/status/new", "name", "Aguardando").id();
        tenant.admin().post("/status/update", "status_id", status, "pauses_sla", "1");
        tenant.admin().post("/status/delete", "status_id", status);
        String field = tenant.admin().post("/custom_field/new", "label", "CPF", "entity", "customer", "type", "text").id();
        tenant.admin().post("/custom_field/delete", "custom_field_id", field);

        var renamed = tenant.admin().get("/audit/list", "action", "department.updated").data().get(0);
        assertThat(renamed.get("subject_id").asString()).isEqualTo(department);
        assertThat(renamed.get("before").get("name").asString()).isEqualTo("Suporte");
        assertThat(renamed.get("after").get("name").asString()).isEqualTo("Suporte N1");
        assertThat(actions(tenant.admin().get("/audit/list", "subject_id", department).data()))
                .containsExactly("department.operator_added", "department.updated", "department.created");
        assertThat(actions(tenant.admin().get("/audit/list", "subject_id", category).data())).containsExactly("category.created");
        var statusEntries = tenant.admin().get("/audit/list", "subject_id", status).data();
        assertThat(actions(statusEntries)).containsExactly("status.deleted", "status.updated", "status.created");
        assertThat(statusEntries.get(1).get("before").get("pauses_sla").asBoolean()).isFalse();
        assertThat(statusEntries.get(1).get("after").get("pauses_sla").asBoolean()).isTrue();
        var fieldEntries = tenant.admin().get("/audit/list", "subject_id", field).data();
        assertThat(actions(fieldEntries)).containsExactly("custom_field.deleted", "custom_field.created");
        assertThat(fieldEntries.get(1).get("after").get("label").asString()).isEqualTo("CPF");
    }

    @Test
    void recordsCalendarsAndSlaPoliciesWithTheirDefinitionsAndNothingForARefusedOne() {
        String calendar = tenant.admin().post("/calendar/new", "name", "Comercial", "time_zone", "America/Sao_Paulo",
                "hours", "mon-fri 08:00-18:00", "holidays", "--12-25").id();
        tenant.admin().post("/calendar/update", "calendar_id", calendar, "hours", "mon-fri 09:00-17:00");
        String policy = tenant.admin().post("/sla/new", "name", "Padrão", "calendar_id", calendar, "priority", "3,4",
                "first_reply_minutes", "60", "resolution_minutes", "480").id();
        tenant.admin().post("/sla/update", "sla_id", policy, "name", "Padrão", "resolution_minutes", "240");
        assertThat(tenant.admin().post("/calendar/delete", "calendar_id", calendar).status()).isEqualTo(409);
        tenant.admin().post("/sla/delete", "sla_id", policy);
        tenant.admin().post("/calendar/delete", "calendar_id", calendar);

        var calendarEntries = tenant.admin().get("/audit/list", "subject_id", calendar).data();
        assertThat(actions(calendarEntries)).containsExactly("calendar.deleted", "calendar.updated", "calendar.created");
        assertThat(calendarEntries.get(2).get("after").get("time_zone").asString()).isEqualTo("America/Sao_Paulo");
        assertThat(calendarEntries.get(1).get("before").get("hours").asString()).contains("08:00-18:00");
        assertThat(calendarEntries.get(1).get("after").get("hours").asString()).contains("09:00-17:00");
        var policyEntries = tenant.admin().get("/audit/list", "subject_id", policy).data();
        assertThat(actions(policyEntries)).containsExactly("sla_policy.deleted", "sla_policy.updated", "sla_policy.created");
        assertThat(policyEntries.get(2).get("after").get("calendar_id").asString()).isEqualTo(calendar);
        assertThat(policyEntries.get(1).get("before").get("resolution_minutes").asInt()).isEqualTo(480);
        assertThat(policyEntries.get(1).get("after").get("resolution_minutes").asInt()).isEqualTo(240);
    }

    @Test
    void recordsMacrosWithTheirReplyAndActions() {
        String macro = tenant.admin().post("/macro/new", "name", "Boleto", "reply", "Olá {{customer.name}}",
                "actions", "[{\"type\":\"add_tag\",\"value\":\"boleto\"}]").id();
        tenant.admin().post("/macro/update", "macro_id", macro, "name", "Boleto 2");
        tenant.admin().post("/macro/delete", "macro_id", macro);

        var entries = tenant.admin().get("/audit/list", "subject_id", macro).data();
        assertThat(actions(entries)).containsExactly("macro.deleted", "macro.updated", "macro.created");
        assertThat(entries.get(2).get("after").get("reply").asString()).isEqualTo("Olá {{customer.name}}");
        assertThat(entries.get(2).get("after").get("actions").asString()).contains("add_tag", "boleto");
        assertThat(entries.get(1).get("before").get("name").asString()).isEqualTo("Boleto");
        assertThat(entries.get(1).get("after").get("name").asString()).isEqualTo("Boleto 2");
    }

    @Test
    void filtersByActionActorSubjectAndTime() {
        String one = tenant.admin().post("/operator/new", "name", "Um", "email", "um@example.com").id();
        String two = tenant.admin().post("/operator/new", "name", "Dois", "email", "dois@example.com").id();
        tenant.admin().post("/operator/update", "operator_id", two, "name", "Dois B");
        String actor = tenant.admin().get("/audit/list", "subject_id", one).data().get(0).get("actor_id").asString();

        assertThat(actions(tenant.admin().get("/audit/list", "action", "operator.updated").data())).containsExactly("operator.updated");
        assertThat(tenant.admin().get("/audit/list", "action", "operator.created", "actor_id", actor).json().get("size").asInt()).isEqualTo(2);
        assertThat(tenant.admin().get("/audit/list", "actor_id", "0".repeat(32)).json().get("size").asInt()).isZero();
        assertThat(actions(tenant.admin().get("/audit/list", "subject_id", two).data())).containsExactly("operator.updated", "operator.created");
        assertThat(tenant.admin().get("/audit/list", "subject_id", one, "from", "2000-01-01", "to", "2100-01-01").json().get("size").asInt())
                .isEqualTo(1);
        assertThat(tenant.admin().get("/audit/list", "subject_id", one, "to", "2000-01-01").json().get("size").asInt()).isZero();
        assertThat(tenant.admin().get("/audit/list", "subject_id", one, "from", "2100-01-01").json().get("size").asInt()).isZero();
        assertThat(tenant.admin().get("/audit/list", "from", "yesterday").status()).isEqualTo(400);
        assertThat(tenant.admin().get("/audit/list", "page", "0").status()).isEqualTo(400);
    }

    @Test
    void onlyAnAdminTokenReadsIt() {
        assertThat(tenant.anonymous().get("/audit/list").status()).isEqualTo(401);
        assertThat(tenant.writer().get("/audit/list").status()).isEqualTo(403);
        assertThat(tenant.reader().get("/audit/list").status()).isEqualTo(403);
    }

    @Test
    void anAccountSeesOnlyItsOwnEntries() {
        String id = tenant.admin().post("/operator/new", "name", "Ana", "email", "ana@example.com").id();
        var other = tenants.create();

        assertThat(other.admin().get("/audit/list", "subject_id", id).json().get("size").asInt()).isZero();
        assertThat(other.admin().get("/audit/list").text()).doesNotContain(id);
    }

    @Test
    void aRefusedChangeRecordsNothing() {
        tenant.admin().post("/operator/new", "name", "Ana", "email", "ana@example.com");
        long before = tenant.admin().get("/audit/list").json().get("size").asLong();

        assertThat(tenant.admin().post("/operator/new", "name", "Outra", "email", "ana@example.com").status()).isEqualTo(409);
        assertThat(tenant.admin().post("/operator/new", "name", "", "email", "x@example.com").status()).isEqualTo(400);

        assertThat(tenant.admin().get("/audit/list").json().get("size").asLong()).isEqualTo(before);
    }

    @Test
    void consoleSignInsAndFailedSignInsAreRecordedWithTheAddress() {
        var operator = tenants.operator(tenant.accountId(), OperatorRole.OPERATOR);
        var stranger = new BrowserSession(tenants.port());
        stranger.get("/console/sign-in");
        stranger.post("/console/sign-in", "email", operator.email(), "password", "wrong password");
        tenants.signIn(operator);

        var listed = tenant.admin().get("/audit/list", "subject_id", operator.id());

        assertThat(actions(listed.data())).containsExactly("sign_in.succeeded", "sign_in.failed", "operator.created");
        var succeeded = listed.data().get(0);
        assertThat(succeeded.get("actor_type").asString()).isEqualTo("operator");
        assertThat(succeeded.get("actor_id").asString()).isEqualTo(operator.id());
        assertThat(succeeded.get("client_address").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(succeeded.get("after").get("area").asString()).isEqualTo("console");
        var failed = listed.data().get(1);
        assertThat(failed.get("actor_type").asString()).isEqualTo("system");
        assertThat(failed.get("client_address").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(failed.get("after").get("email").asString()).isEqualTo(operator.email());
        assertThat(listed.text()).doesNotContain("wrong password", operator.password());
    }

    @Test
    void laterChangesLeaveEarlierEntriesAsTheyWere() {
        String id = tenant.admin().post("/operator/new", "name", "Ana", "email", "ana@example.com").id();
        tenant.admin().post("/webhook/new", "url", "https://93.184.215.14/hook");
        var earlier = tenant.admin().get("/audit/list").data();

        tenant.admin().post("/operator/update", "operator_id", id, "name", "Ana Maria");
        tenant.admin().post("/operator/delete", "operator_id", id);
        tenant.admin().post("/account/update", "name", "Renamed");
        var later = tenant.admin().get("/audit/list").data();

        var kept = new ArrayList<JsonNode>();
        later.forEach(kept::add);
        assertThat(kept.subList(kept.size() - earlier.size(), kept.size())).containsExactlyElementsOf(earlier);
        assertThat(actions(later)).contains("settings.updated");
    }

    private static List<String> actions(JsonNode items) {
        var actions = new ArrayList<String>();
        items.forEach(item -> actions.add(item.get("action").asString()));
        return actions;
    }

    private static JsonNode first(JsonNode items, String action) {
        for (var item : items) {
            if (item.get("action").asString().equals(action)) {
                return item;
            }
        }
        throw new AssertionError("no " + action);
    }
}
