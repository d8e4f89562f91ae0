package io.atende.console.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atende.account.AccountManagement;
import io.atende.customfield.CustomFieldManagement;
import io.atende.department.DepartmentManagement;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorRole;
import io.atende.support.ApiResponse;
import io.atende.support.ApiTest;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;
import io.atende.support.WebhookReceiver;
import io.atende.ticket.TicketStatusManagement;
import io.atende.webhook.CreateWebhook;
import io.atende.webhook.DeliveryStatus;
import io.atende.webhook.WebhookManagement;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/** The administration pages, as an admin sees them; operators are kept out and other accounts' ids are unknown. */
@ApiTest
class AdminPagesTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    DepartmentManagement departments;
    @Autowired
    OperatorManagement operators;
    @Autowired
    TicketStatusManagement statuses;
    @Autowired
    CustomFieldManagement fields;
    @Autowired
    AccountManagement accounts;
    @Autowired
    WebhookManagement webhooks;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

    Tenant tenant;
    BrowserSession admin;

    @BeforeEach
    void signIn() {
        tenant = tenants.create();
        admin = tenants.signedIn(tenant.accountId(), OperatorRole.ADMIN).session();
    }

    @Test
    void keepsOperatorsOutOfEveryAdministrationPageAndAction() {
        var operator = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR).session();
        for (String page : new String[] {"/console/admin", "/console/admin/departments", "/console/admin/operators", "/console/admin/statuses",
                "/console/admin/fields", "/console/admin/calendars", "/console/admin/sla", "/console/admin/tokens", "/console/admin/webhooks",
                "/console/admin/settings"}) {
            assertThat(operator.get(page).status()).as(page).isEqualTo(403);
        }
        operator.get("/console");
        assertThat(operator.post("/console/admin/departments", "name", "Sneaky").status()).isEqualTo(403);
        assertThat(operator.post("/console/admin/tokens", "name", "Sneaky", "scope", "admin").status()).isEqualTo(403);
        assertThat(departments.listDepartments(tenant.accountId())).isEmpty();
    }

    @Test
    void listsEveryAreaOnTheIndex() {
        var index = admin.get("/console/admin");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.document().select("main a[href^=/console/admin/]")).hasSize(20);
        assertThat(index.text("h1")).isEqualTo("Administração");
    }

    @Test
    void everyAdministrationPageListsEveryAreaAndMarksItsOwn() {
        // The areas are the admin pages the application serves, so a new page cannot be left out of the menu.
        List<String> areas = handlers.getHandlerMethods().keySet().stream()
                .filter(mapping -> mapping.getMethodsCondition().getMethods().isEmpty()
                        || mapping.getMethodsCondition().getMethods().contains(RequestMethod.GET))
                .flatMap(mapping -> mapping.getPatternValues().stream())
                .filter(path -> path.matches("/console/admin/[a-z-]+")).distinct().sorted().toList();
        assertThat(areas).contains("/console/admin/mail", "/console/admin/mailboxes", "/console/admin/portal", "/console/admin/settings");
        var other = tenants.operator(tenant.accountId(), OperatorRole.OPERATOR);
        String webhook = webhooks.create(tenant.accountId(), new CreateWebhook("http://127.0.0.1:9/hook", null, null, null, true)).webhook().id();
        String delivery = webhooks.test(tenant.accountId(), webhook).id();
        Map<String, String> pages = new LinkedHashMap<>();
        areas.forEach(area -> pages.put(area, area));
        pages.put("/console/admin/operators/" + other.id(), "/console/admin/operators");
        pages.put("/console/admin/webhooks/" + webhook, "/console/admin/webhooks");
        pages.put("/console/admin/webhooks/" + webhook + "/deliveries/" + delivery, "/console/admin/webhooks");

        pages.forEach((page, area) -> {
            var html = admin.get(page);
            assertThat(html.status()).as(page).isEqualTo(200);
            assertThat(html.document().select("nav.admin-nav a").eachAttr("href")).as(page).containsExactlyInAnyOrderElementsOf(areas);
            assertThat(html.document().select("nav.admin-nav a[aria-current=page]").eachAttr("href")).as(page).containsExactly(area);
        });
        assertThat(admin.get("/console/admin").document().select("main a[href^=/console/admin/]").eachAttr("href"))
                .containsExactlyInAnyOrderElementsOf(areas);
    }

    @Test
    void createsRenamesAndDeletesDepartmentsAndCategories() {
        admin.get("/console/admin/departments");
        var created = admin.post("/console/admin/departments", "name", "Suporte");
        assertThat(created.redirectPath()).isEqualTo("/console/admin/departments");
        var page = admin.get("/console/admin/departments");
        assertThat(page.text("[role=status]")).isEqualTo("Departamento criado.");
        String id = departments.listDepartments(tenant.accountId()).get(0).id();
        assertThat(page.text("#department-name-" + id)).isEqualTo("Suporte");

        assertThat(admin.post("/console/admin/departments/" + id + "/rename", "name", "Atendimento").status()).isEqualTo(302);
        assertThat(departments.getDepartment(tenant.accountId(), id).name()).isEqualTo("Atendimento");

        assertThat(admin.post("/console/admin/departments/" + id + "/categories", "name", "Impressoras").status()).isEqualTo(302);
        String category = departments.listCategories(tenant.accountId(), id).get(0).id();
        assertThat(admin.post("/console/admin/categories/" + category + "/rename", "name", "Scanners").status()).isEqualTo(302);
        assertThat(departments.getCategory(tenant.accountId(), category).name()).isEqualTo("Scanners");
        assertThat(admin.post("/console/admin/categories/" + category + "/delete").status()).isEqualTo(302);
        assertThat(departments.listCategories(tenant.accountId(), id)).isEmpty();

        assertThat(admin.post("/console/admin/departments/" + id + "/delete").status()).isEqualTo(302);
        assertThat(departments.listDepartments(tenant.accountId())).isEmpty();
    }

    @Test
    void showsRefusedDepartmentChangesNextToTheirForm() {
        admin.get("/console/admin/departments");
        var blank = admin.post("/console/admin/departments", "name", " ");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.text("#create-department + p.error[role=alert]")).contains("name");
        assertThat(blank.document().selectFirst("#new-department").attr("aria-invalid")).isEqualTo("true");

        String id = departments.createDepartment(tenant.accountId(), "Suporte").id();
        var taken = admin.post("/console/admin/departments", "name", "Suporte");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.text("p.error[role=alert]")).isEqualTo("Já existe um departamento chamado Suporte.");

        // A ticket in the department: the "cannot be removed" rule, shown in the department's own panel.
        openTicketIn(id);
        var refused = admin.post("/console/admin/departments/" + id + "/delete");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("#department-" + id + " p.error[role=alert]")).startsWith("Este departamento não pode ser removido");
        assertThat(departments.listDepartments(tenant.accountId())).hasSize(1);
    }

    @Test
    void answersAnotherAccountsDepartmentsAndCategoriesWithNotFound() {
        var other = tenants.create();
        String theirs = departments.createDepartment(other.accountId(), "Deles").id();
        String theirCategory = departments.createCategory(other.accountId(), theirs, "Delas").id();
        admin.get("/console/admin/departments");
        assertThat(admin.post("/console/admin/departments/" + theirs + "/rename", "name", "Nosso").status()).isEqualTo(404);
        assertThat(admin.post("/console/admin/departments/" + theirs + "/delete").status()).isEqualTo(404);
        assertThat(admin.post("/console/admin/departments/" + theirs + "/categories", "name", "X").status()).isEqualTo(404);
        assertThat(admin.post("/console/admin/categories/" + theirCategory + "/delete").status()).isEqualTo(404);
        assertThat(departments.getDepartment(other.accountId(), theirs).name()).isEqualTo("Deles");
    }

    @Test
    void createsAnOperatorWhoCanSignInAndEditsTheirRoleStateAndDepartments() {
        String department = departments.createDepartment(tenant.accountId(), "Suporte").id();
        admin.get("/console/admin/operators");
        var created = admin.post("/console/admin/operators", "name", "Bia", "email", "bia@example.com", "password", "senha-da-bia",
                "role", "OPERATOR", "active", "true");
        assertThat(created.status()).isEqualTo(302);
        String id = created.redirectPath().substring("/console/admin/operators/".length());
        assertThat(tenants.signIn(new TestTenants.Operator(tenant.accountId(), id, "Bia", "bia@example.com", "senha-da-bia"))
                .get("/console").status()).isEqualTo(200);

        var page = admin.get("/console/admin/operators/" + id);
        assertThat(page.text("[role=status]")).isEqualTo("Atendente criado.");
        assertThat(admin.post("/console/admin/operators/" + id, "name", "Beatriz", "email", "bia@example.com", "role", "ADMIN").status())
                .isEqualTo(302);
        var changed = operators.get(tenant.accountId(), id);
        assertThat(changed.name()).isEqualTo("Beatriz");
        assertThat(changed.role()).isEqualTo(OperatorRole.ADMIN);
        assertThat(changed.active()).as("an unticked box deactivates").isFalse();

        assertThat(admin.post("/console/admin/operators/" + id + "/departments", "department_id", department).status()).isEqualTo(302);
        assertThat(departments.isMember(tenant.accountId(), department, id)).isTrue();
        assertThat(admin.get("/console/admin/operators/" + id).document().selectFirst("#memberships input[value=" + department + "]")
                .hasAttr("checked")).isTrue();
        assertThat(admin.post("/console/admin/operators/" + id + "/departments").status()).isEqualTo(302);
        assertThat(departments.isMember(tenant.accountId(), department, id)).isFalse();

        assertThat(admin.post("/console/admin/operators/" + id + "/delete").redirectPath()).isEqualTo("/console/admin/operators");
        assertThat(operators.findAll(tenant.accountId(), java.util.List.of(id))).isEmpty();
    }

    @Test
    void showsRefusedOperatorChangesInPlace() {
        admin.get("/console/admin/operators");
        var noPassword = admin.post("/console/admin/operators", "name", "Bia", "email", "bia@example.com", "role", "OPERATOR");
        assertThat(noPassword.status()).isEqualTo(400);
        assertThat(noPassword.document().selectFirst("#password").attr("aria-invalid")).isEqualTo("true");
        assertThat(noPassword.document().selectFirst("#email").attr("value")).isEqualTo("bia@example.com");

        var badEmail = admin.post("/console/admin/operators", "name", "Bia", "email", "not-an-address", "password", "long-enough", "role", "OPERATOR");
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.document().selectFirst("#email").attr("aria-invalid")).isEqualTo("true");

        var first = tenants.operator(tenant.accountId(), OperatorRole.OPERATOR);
        var taken = admin.post("/console/admin/operators", "name", "Bia", "email", first.email(), "password", "long-enough", "role", "OPERATOR");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(operators.list(tenant.accountId(), io.atende.platform.PageRequest.of(1)).total()).isEqualTo(2);

        // Linked work: the rule is shown on the operator's page, and the operator stays.
        String department = departments.createDepartment(tenant.accountId(), "Suporte").id();
        departments.addOperator(tenant.accountId(), department, first.id());
        String ticket = openTicketIn(department);
        assertThat(tenant.writer().post("/ticket/operator/link", "ticket_id", ticket, "operator_id", first.id()).status()).isEqualTo(200);
        admin.get("/console/admin/operators/" + first.id());
        var refused = admin.post("/console/admin/operators/" + first.id() + "/delete");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("#delete-operator")).isNotNull();
        assertThat(refused.text("p.error[role=alert]")).startsWith("Este atendente não pode ser removido");
        assertThat(operators.get(tenant.accountId(), first.id()).active()).isTrue();
    }

    @Test
    void answersAnotherAccountsOperatorsWithNotFound() {
        var other = tenants.create();
        var theirs = tenants.operator(other.accountId(), OperatorRole.OPERATOR);
        String theirDepartment = departments.createDepartment(other.accountId(), "Deles").id();
        assertThat(admin.get("/console/admin/operators/" + theirs.id()).status()).isEqualTo(404);
        admin.get("/console/admin/operators");
        assertThat(admin.post("/console/admin/operators/" + theirs.id(), "name", "Mine", "email", theirs.email(), "role", "ADMIN").status())
                .isEqualTo(404);
        assertThat(admin.post("/console/admin/operators/" + theirs.id() + "/delete").status()).isEqualTo(404);
        var mine = tenants.operator(tenant.accountId(), OperatorRole.OPERATOR);
        assertThat(admin.post("/console/admin/operators/" + mine.id() + "/departments", "department_id", theirDepartment).status())
                .isEqualTo(404);
        assertThat(operators.get(other.accountId(), theirs.id()).role()).isEqualTo(OperatorRole.OPERATOR);
    }

    @Test
    void managesCustomStatusesAndRefusesToDeleteOneInUse() {
        admin.get("/console/admin/statuses");
        assertThat(admin.post("/console/admin/statuses", "name", "Aguardando peça").status()).isEqualTo(302);
        String id = statuses.list(tenant.accountId()).get(0).id();
        assertThat(admin.get("/console/admin/statuses").text("#status-" + id + " td")).isEqualTo("Aguardando peça");
        assertThat(admin.post("/console/admin/statuses/" + id + "/rename", "name", "Aguardando fornecedor").status()).isEqualTo(302);
        assertThat(statuses.get(tenant.accountId(), id).name()).isEqualTo("Aguardando fornecedor");
        assertThat(statuses.get(tenant.accountId(), id).pausesSla()).isFalse();
        assertThat(admin.post("/console/admin/statuses/" + id + "/rename", "name", "Aguardando fornecedor", "pauses_sla", "1").status())
                .isEqualTo(302);
        assertThat(statuses.get(tenant.accountId(), id).pausesSla()).isTrue();
        assertThat(admin.get("/console/admin/statuses").document().selectFirst("#status-" + id + " input[name=pauses_sla]")
                .hasAttr("checked")).isTrue();
        assertThat(admin.post("/console/admin/statuses", "name", "Com fornecedor", "pauses_sla", "1").status()).isEqualTo(302);
        assertThat(statuses.list(tenant.accountId())).filteredOn(status -> status.name().equals("Com fornecedor"))
                .singleElement().matches(status -> status.pausesSla());
        assertThat(admin.post("/console/admin/statuses/" + id + "/rename", "name", "Aguardando fornecedor").status()).isEqualTo(302);
        assertThat(statuses.get(tenant.accountId(), id).pausesSla()).as("an unticked box is not sent").isFalse();
        statuses.delete(tenant.accountId(), statuses.list(tenant.accountId()).stream()
                .filter(status -> status.name().equals("Com fornecedor")).findFirst().orElseThrow().id());

        var blank = admin.post("/console/admin/statuses/" + id + "/rename", "name", "");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.document().selectFirst("#rename-" + id).attr("aria-invalid")).isEqualTo("true");

        String ticket = openTicketIn(departments.createDepartment(tenant.accountId(), "Suporte").id());
        assertThat(tenant.writer().post("/ticket/status/open", "ticket_id", ticket, "status_id", id).status()).isEqualTo(200);
        var refused = admin.post("/console/admin/statuses/" + id + "/delete");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("#status-" + id + " p.error[role=alert]")).contains("Aguardando fornecedor");

        String unused = statuses.create(tenant.accountId(), "Sem uso").id();
        assertThat(admin.post("/console/admin/statuses/" + unused + "/delete").status()).isEqualTo(302);
        assertThat(statuses.list(tenant.accountId())).hasSize(1);

        String theirs = statuses.create(tenants.create().accountId(), "Deles").id();
        assertThat(admin.post("/console/admin/statuses/" + theirs + "/rename", "name", "Nosso").status()).isEqualTo(404);
        assertThat(admin.post("/console/admin/statuses/" + theirs + "/delete").status()).isEqualTo(404);
    }

    @Test
    void definesChangesAndDeletesCustomFields() {
        admin.get("/console/admin/fields");
        var noOptions = admin.post("/console/admin/fields", "label", "Modelo", "entity", "ticket", "type", "select", "options", "");
        assertThat(noOptions.status()).isEqualTo(400);
        assertThat(noOptions.document().selectFirst("#options").attr("aria-invalid")).isEqualTo("true");
        assertThat(fields.list(tenant.accountId())).isEmpty();

        assertThat(admin.post("/console/admin/fields", "label", "Modelo", "entity", "ticket", "type", "select",
                "options", "HP\nEpson\n", "required", "true").status()).isEqualTo(302);
        var field = fields.list(tenant.accountId()).get(0);
        assertThat(field.options()).containsExactly("HP", "Epson");
        assertThat(field.required()).isTrue();

        assertThat(admin.post("/console/admin/fields/" + field.id(), "label", "Modelo da impressora", "options", "HP\nEpson\nCanon").status())
                .isEqualTo(302);
        var changed = fields.get(tenant.accountId(), field.id());
        assertThat(changed.label()).isEqualTo("Modelo da impressora");
        assertThat(changed.options()).containsExactly("HP", "Epson", "Canon");
        assertThat(changed.required()).isFalse();

        var blank = admin.post("/console/admin/fields/" + field.id(), "label", "");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.document().selectFirst("#label-" + field.id()).attr("aria-invalid")).isEqualTo("true");

        var other = tenants.create();
        var theirs = fields.define(other.accountId(), new io.atende.customfield.DefineCustomField("Deles",
                io.atende.customfield.CustomFieldEntity.CUSTOMER, io.atende.customfield.CustomFieldType.TEXT, null, false, null, null));
        assertThat(admin.post("/console/admin/fields/" + theirs.id(), "label", "Nosso").status()).isEqualTo(404);
        assertThat(admin.post("/console/admin/fields/" + theirs.id() + "/delete").status()).isEqualTo(404);

        assertThat(admin.post("/console/admin/fields/" + field.id() + "/delete").status()).isEqualTo(302);
        assertThat(fields.list(tenant.accountId())).isEmpty();
    }

    @Test
    void issuesATokenWhoseSecretIsShownOnceAndWorksUntilRevoked() {
        admin.get("/console/admin/tokens");
        var issued = admin.post("/console/admin/tokens", "name", "Integração ERP", "scope", "read", "allowed_ips", "127.0.0.1, ::1",
                "rate_limit_per_second", "5", "rate_limit_burst", "10");
        assertThat(issued.status()).isEqualTo(200);
        assertThat(issued.headers().firstValue("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        String secret = issued.document().selectFirst("#secret").attr("value");
        assertThat(secret).startsWith("atd_");
        var token = accounts.listTokens(tenant.accountId(), io.atende.platform.PageRequest.of(1)).items().stream()
                .filter(candidate -> candidate.name().equals("Integração ERP")).findFirst().orElseThrow();
        assertThat(token.allowedIps()).containsExactly("127.0.0.1", "::1");
        assertThat(token.rateLimit().perSecond()).isEqualTo(5);

        var client = new io.atende.support.ApiClient(tenants.port(), secret);
        assertThat(client.get("/department/list").status()).isEqualTo(200);

        var list = admin.get("/console/admin/tokens");
        assertThat(list.body()).doesNotContain(secret);
        assertThat(list.document().select("#secret")).isEmpty();
        assertThat(list.text("#token-" + token.id())).contains("127.0.0.1, ::1");

        assertThat(admin.post("/console/admin/tokens/" + token.id() + "/revoke").redirectPath()).isEqualTo("/console/admin/tokens");
        assertThat(client.get("/department/list").status()).isEqualTo(401);
        var again = admin.post("/console/admin/tokens/" + token.id() + "/revoke");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("#token-" + token.id() + " p.error[role=alert]")).isNotBlank();
    }

    @Test
    void showsRefusedTokensInPlaceAndKeepsOtherAccountsTokensUnknown() {
        admin.get("/console/admin/tokens");
        var badAddress = admin.post("/console/admin/tokens", "name", "ERP", "scope", "read", "allowed_ips", "300.1.1.1");
        assertThat(badAddress.status()).isEqualTo(400);
        assertThat(badAddress.document().selectFirst("#allowed_ips").attr("aria-invalid")).isEqualTo("true");
        assertThat(badAddress.document().select("#secret")).isEmpty();
        var halfLimit = admin.post("/console/admin/tokens", "name", "ERP", "scope", "read", "rate_limit_per_second", "5");
        assertThat(halfLimit.status()).isEqualTo(400);
        assertThat(halfLimit.document().selectFirst("#rate_limit_burst").attr("aria-invalid")).isEqualTo("true");
        assertThat(accounts.listTokens(tenant.accountId(), io.atende.platform.PageRequest.of(1)).total()).isEqualTo(3);

        var other = tenants.create();
        String theirs = accounts.listTokens(other.accountId(), io.atende.platform.PageRequest.of(1)).items().get(1).id();
        assertThat(admin.post("/console/admin/tokens/" + theirs + "/revoke").status()).isEqualTo(404);
        assertThat(other.writer().get("/department/list").status()).isEqualTo(200);
    }

    @Test
    void subscribesAWebhookShowsItsSecretOnceAndItsDeliveryLogAndRedelivers() throws Exception {
        try (var receiver = new WebhookReceiver()) {
            admin.get("/console/admin/webhooks");
            var created = admin.post("/console/admin/webhooks", "url", receiver.url(), "format", "standard",
                    "event", "ticket.created", "active", "true");
            assertThat(created.status()).isEqualTo(200);
            assertThat(created.document().selectFirst("#secret").attr("value")).isNotBlank();
            String id = webhooks.list(tenant.accountId(), io.atende.platform.PageRequest.of(1)).items().get(0).id();
            assertThat(admin.get("/console/admin/webhooks").body()).doesNotContain(created.document().selectFirst("#secret").attr("value"));

            var test = webhooks.test(tenant.accountId(), id);
            var delivered = waitFor(() -> webhooks.delivery(tenant.accountId(), test.id()).status() == DeliveryStatus.DELIVERED);
            assertThat(delivered).isTrue();
            var page = admin.get("/console/admin/webhooks/" + id);
            assertThat(page.document().select("#deliveries tbody tr")).hasSize(1);
            var delivery = admin.get("/console/admin/webhooks/" + id + "/deliveries/" + test.id());
            assertThat(delivery.status()).isEqualTo(200);
            assertThat(delivery.document().select("#attempts tbody tr")).hasSize(1);
            assertThat(delivery.text("#attempts tbody td[data-label=Resposta]")).isEqualTo("200");

            var again = admin.post("/console/admin/webhooks/" + id + "/deliveries/" + test.id() + "/redeliver");
            assertThat(again.status()).isEqualTo(302);
            assertThat(again.redirectPath()).startsWith("/console/admin/webhooks/" + id + "/deliveries/").doesNotEndWith(test.id());
            assertThat(waitFor(() -> receiver.received().size() == 2)).isTrue();

            var edited = admin.post("/console/admin/webhooks/" + id, "url", receiver.url() + "/v2", "format", "standard");
            assertThat(edited.status()).isEqualTo(302);
            var changed = webhooks.get(tenant.accountId(), id);
            assertThat(changed.url()).endsWith("/v2");
            assertThat(changed.events()).isEmpty();
            assertThat(changed.active()).isFalse();

            assertThat(admin.post("/console/admin/webhooks/" + id + "/delete").redirectPath()).isEqualTo("/console/admin/webhooks");
            assertThat(webhooks.list(tenant.accountId(), io.atende.platform.PageRequest.of(1)).items()).isEmpty();
        }
    }

    @Test
    void showsRefusedWebhooksInPlaceAndKeepsOtherAccountsWebhooksUnknown() {
        admin.get("/console/admin/webhooks");
        var badUrl = admin.post("/console/admin/webhooks", "url", "ftp://example.com/hook", "format", "standard", "active", "true");
        assertThat(badUrl.status()).isEqualTo(400);
        assertThat(badUrl.document().selectFirst("#url").attr("aria-invalid")).isEqualTo("true");
        assertThat(badUrl.document().selectFirst("#url").attr("value")).isEqualTo("ftp://example.com/hook");
        assertThat(webhooks.list(tenant.accountId(), io.atende.platform.PageRequest.of(1)).items()).isEmpty();

        var other = tenants.create();
        String theirs = webhooks.create(other.accountId(), new CreateWebhook("http://127.0.0.1:9/hook", null, null, null, true)).webhook().id();
        assertThat(admin.get("/console/admin/webhooks/" + theirs).status()).isEqualTo(404);
        assertThat(admin.post("/console/admin/webhooks/" + theirs, "url", "http://127.0.0.1:9/mine").status()).isEqualTo(404);
        assertThat(admin.post("/console/admin/webhooks/" + theirs + "/delete").status()).isEqualTo(404);
        assertThat(webhooks.get(other.accountId(), theirs).url()).isEqualTo("http://127.0.0.1:9/hook");
    }

    @Test
    void savesTheAccountSettingsAndShowsAnInvalidColourInPlace() {
        admin.get("/console/admin/settings");
        var invalid = admin.post("/console/admin/settings", "name", "Loja", "time_zone", "America/Recife", "accent_color", "blue",
                "console_language", "pt-BR");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.document().selectFirst("#accent_color").attr("aria-invalid")).isEqualTo("true");
        assertThat(invalid.document().selectFirst("#accent_color").attr("value")).isEqualTo("blue");
        assertThat(accounts.get(tenant.accountId()).name()).startsWith("Test ");

        var saved = admin.post("/console/admin/settings", "name", "Loja Azul", "time_zone", "America/Recife", "accent_color", "#FFDD00",
                "console_language", "es");
        assertThat(saved.redirectPath()).isEqualTo("/console/admin/settings");
        var account = accounts.get(tenant.accountId());
        assertThat(account.name()).isEqualTo("Loja Azul");
        assertThat(account.timeZone().getId()).isEqualTo("America/Recife");
        assertThat(account.accentColor()).isEqualTo("#ffdd00");
        assertThat(account.consoleLanguage()).isEqualTo("es");
        // The admin chose no language: the account's applies at once. Yellow needs dark text on it.
        var page = admin.get("/console/admin/settings");
        assertThat(page.document().select("html").attr("lang")).isEqualTo("es");
        assertThat(page.text("[role=status]")).isEqualTo("Configuración de la cuenta guardada.");
        assertThat(page.text("header.topbar .brand")).isEqualTo("Loja Azul");
        assertThat(page.body()).contains("--on-accent: #000000");
    }

    @Test
    void previewsAnAccentColourWithReadableTextWhileItIsTyped() {
        var preview = admin.htmx().get("/console/admin/settings/preview?accent_color=%23ffdd00");
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.document().selectFirst(".accent-sample").attr("style")).contains("#ffdd00").contains("color: #000000");
        assertThat(preview.document().select("[role=alert]")).isEmpty();
        var unfinished = admin.htmx().get("/console/admin/settings/preview?accent_color=%23ffd");
        assertThat(unfinished.document().select("[role=alert]")).hasSize(1);
        assertThat(unfinished.document().selectFirst(".accent-sample").attr("style")).contains(io.atende.platform.Branding.DEFAULT_ACCENT);
    }

    @Test
    void operatorsWhoChoseNoLanguageSpeakTheAccountsAndTheirOwnChoiceWins() {
        var operator = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR).session();
        assertThat(accounts.get(tenant.accountId()).consoleLanguage()).isEqualTo("pt-BR");
        assertThat(operator.get("/console").text("h1")).startsWith("Olá,");
        accounts.update(tenant.accountId(), new io.atende.account.UpdateAccount(null, null, null, null, "en"));
        assertThat(operator.get("/console").text("h1")).startsWith("Hello,");
        operator.post("/console/profile/language", "language", "es");
        assertThat(operator.get("/console").text("h1")).startsWith("Hola,");
    }

    private String openTicketIn(String department) {
        String customer = "c-" + System.nanoTime();
        ok(tenant.writer().post("/customer/new", "customer_id", customer, "name", "Carla", "email", customer + "@example.com"));
        return ok(tenant.writer().post("/ticket/new", "customer_id", customer, "department_id", department, "subject", "Impressora",
                "message", "Não imprime")).json().get("ticket_id").asString();
    }

    private static ApiResponse ok(ApiResponse response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response;
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        var until = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(until)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
