package io.atende.api.v2;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;

import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.operator.OperatorRole;
import io.atende.support.ApiClient;
import io.atende.support.ApiClient.FilePart;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import tools.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static io.atende.api.v2.TicketFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** docs/data-protection.md: /customer/export answers a ZIP with everything held about one customer, and is audited. */
@ApiTest
class CustomerExportApiTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    CustomerPortalAccess portal;

    Tenant tenant;
    TicketFixture fx;

    @BeforeEach
    void newAccount() {
        tenant = tenants.create();
        fx = new TicketFixture(tenant);
    }

    @Test
    void exportsTheCustomerTheirTicketsChatsHistoryAndFiles() throws IOException {
        String field = ok(tenant.admin().post("/custom_field/new", "label", "CPF", "entity", "customer", "type", "text")).id();
        String customer = ok(tenant.writer().post("/customer/new", "customer_id", "CRM-5", "name", "Rita Lopes", "email", "rita@example.com",
                "custom_field[" + field + "]", "123.456.789-00")).id();
        byte[] content = "exame de Rita".getBytes(StandardCharsets.UTF_8);
        String ticket = ok(tenant.writer().postMultipart("/ticket/new", List.of(new FilePart("attachment[0]", "exame.txt", "text/plain", content)),
                "customer_id", customer, "department_id", fx.department, "subject", "Resultado do exame", "message", "Segue o exame"))
                .json().get("ticket_id").asString();
        ok(tenant.writer().post("/ticket/update", "ticket_id", ticket, "subject", "Resultado do exame de sangue"));
        ok(tenant.writer().post("/chat/new", "customer_id", customer, "department_id", fx.department, "message", "Oi, é a Rita"));
        fx.openTicket("subject", "Assunto de outra pessoa");

        var export = tenant.admin().get("/customer/export", "customer_id", "CRM-5");

        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        assertThat(export.header("Content-Type")).isEqualTo("application/zip");
        assertThat(export.header("Content-Disposition")).contains("customer-" + customer + ".zip");
        var entries = unzip(export.body());
        var json = ApiClient.parse(new String(entries.get("customer.json"), StandardCharsets.UTF_8));
        assertThat(json.get("customer").get("name").asString()).isEqualTo("Rita Lopes");
        assertThat(json.get("customer").get("custom_fields").get(0).get("value").asString()).isEqualTo("123.456.789-00");
        assertThat(json.get("anonymized").asBoolean()).isFalse();
        assertThat(json.get("tickets")).hasSize(1);
        var exported = json.get("tickets").get(0);
        assertThat(exported.get("ticket").get("subject").asString()).isEqualTo("Resultado do exame de sangue");
        assertThat(exported.get("ticket").get("replies").get(0).get("message").asString()).isEqualTo("Segue o exame");
        assertThat(exported.get("history").toString()).contains("Resultado do exame");
        assertThat(json.get("chats")).hasSize(1);
        assertThat(json.get("chats").get(0).toString()).contains("Oi, é a Rita");
        assertThat(json.toString()).doesNotContain("Assunto de outra pessoa");
        String fileId = exported.get("ticket").get("replies").get(0).get("attachments").get(0).get("id").asString();
        assertThat(entries.get("files/" + fileId + "/exame.txt")).isEqualTo(content);
        assertThat(entries).hasSize(2);
        var audited = tenant.admin().get("/audit/list", "action", "customer.exported").data();
        assertThat(audited).hasSize(1);
        assertThat(audited.get(0).get("subject_id").asString()).isEqualTo(customer);
    }

    @Test
    void exportNeedsAKnownCustomerOfTheAccountAndAnAdminToken() {
        String customer = ok(tenant.writer().post("/customer/new", "customer_id", "CRM-5", "name", "Rita")).id();
        var other = tenants.create();

        assertThat(tenant.admin().get("/customer/export").status()).isEqualTo(400);
        assertThat(tenant.admin().get("/customer/export", "customer_id", "CRM-5", "customer_type_id", "X").status()).isEqualTo(400);
        assertThat(tenant.admin().get("/customer/export", "customer_id", "nobody").status()).isEqualTo(404);
        assertThat(other.admin().get("/customer/export", "customer_id", customer).status()).isEqualTo(404);
        assertThat(tenant.writer().get("/customer/export", "customer_id", customer).status()).isEqualTo(403);
        assertThat(tenant.anonymous().get("/customer/export", "customer_id", customer).status()).isEqualTo(401);
        assertThat(tenant.admin().get("/audit/list", "action", "customer.exported").json().get("size").asInt()).isZero();
    }

    @Test
    void theConsoleDownloadsTheSameZipWithThePortalAccessForAdminsOnly() throws IOException {
        String customer = ok(tenant.writer().post("/customer/new", "customer_id", "CRM-7", "name", "Rui", "email", "rui@example.com")).id();
        byte[] content = "nota fiscal".getBytes(StandardCharsets.UTF_8);
        ok(tenant.writer().postMultipart("/ticket/new", List.of(new FilePart("attachment[0]", "nota.txt", "text/plain", content)),
                "customer_id", customer, "department_id", fx.department, "subject", "Nota", "message", "Segue a nota"));
        portal.invite(tenant.accountId(), customer);

        var admin = tenants.signedIn(tenant.accountId(), OperatorRole.ADMIN).session();
        var page = admin.get("/console/customers/" + customer);
        assertThat(page.document().selectFirst("#export-customer").attr("href")).isEqualTo("/console/customers/" + customer + "/export");
        var download = admin.stream("/console/customers/" + customer + "/export");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/zip");
        assertThat(download.headers().firstValue("Content-Disposition").orElse("")).contains("customer-" + customer + ".zip");
        Map<String, byte[]> fromConsole;
        try (var body = download.body()) {
            fromConsole = unzip(body.readAllBytes());
        }
        var fromApi = unzip(ok(tenant.admin().get("/customer/export", "customer_id", customer)).body());

        assertThat(fromConsole.keySet()).isEqualTo(fromApi.keySet()).hasSize(2);
        var consoleJson = ApiClient.parse(new String(fromConsole.get("customer.json"), StandardCharsets.UTF_8));
        var apiJson = ApiClient.parse(new String(fromApi.get("customer.json"), StandardCharsets.UTF_8));
        // The ticket's age in seconds moves on between the two downloads; everything else is the same.
        ((ObjectNode) consoleJson.get("tickets").get(0).get("ticket")).remove("elapsed_time");
        ((ObjectNode) apiJson.get("tickets").get(0).get("ticket")).remove("elapsed_time");
        assertThat(consoleJson).isEqualTo(apiJson);
        var portalAccess = consoleJson.get("portal");
        assertThat(portalAccess.get("password_set").asBoolean()).isFalse();
        assertThat(portalAccess.get("links").get(0).get("purpose").asString()).isEqualTo("invitation");
        assertThat(portalAccess.propertyNames()).as("never a password nor a link's secret")
                .containsExactly("password_set", "organization_manager", "creation_date", "update_date", "links");
        assertThat(portalAccess.get("links").get(0).propertyNames()).containsExactly("purpose", "creation_date", "expiration_date", "use_date");
        assertThat(tenant.admin().get("/audit/list", "action", "customer.exported").data()).hasSize(2);

        var operator = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR).session();
        assertThat(operator.get("/console/customers/" + customer).document().selectFirst("#export-customer")).isNull();
        assertThat(operator.stream("/console/customers/" + customer + "/export").statusCode()).isEqualTo(403);
        assertThat(admin.stream("/console/customers/nobody/export").statusCode()).isEqualTo(404);
        var otherAdmin = tenants.signedIn(tenants.create().accountId(), OperatorRole.ADMIN).session();
        assertThat(otherAdmin.stream("/console/customers/" + customer + "/export").statusCode()).isEqualTo(404);
    }

    @Test
    void aCustomerWithoutPortalAccessExportsNone() throws IOException {
        String customer = ok(tenant.writer().post("/customer/new", "customer_id", "CRM-8", "name", "Ivo")).id();
        var json = ApiClient.parse(new String(unzip(ok(tenant.admin().get("/customer/export", "customer_id", customer)).body())
                .get("customer.json"), StandardCharsets.UTF_8));
        assertThat(json.get("portal").isNull()).isTrue();
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
