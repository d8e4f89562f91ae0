package io.atende.console.admin;

import io.atende.operator.OperatorRole;
import io.atende.support.ApiClient;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.TwoDepartments;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static io.atende.support.ApiResponse.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/security.md, API tokens limited to departments: the console's token page issues a token limited to the
 * departments ticked, as {@code /token/new department_ids} does, and an operator who sees only some departments issues,
 * lists and revokes only tokens limited within them.
 */
@ApiTest
class TokenDepartmentsConsoleTest {

    @Autowired
    TestTenants tenants;

    TwoDepartments account;

    @BeforeEach
    void twoDepartmentsAndATicketInBilling() {
        account = tenants.twoDepartments();
    }

    @Test
    void theTokenPageIssuesATokenLimitedToTheDepartmentsTicked() {
        var page = account.admin().get("/console/admin/tokens");
        assertThat(page.document().select("#issue-token input[name=department_ids]").eachAttr("value"))
                .containsExactlyInAnyOrder(account.support(), account.billing());
        var issued = account.admin().post("/console/admin/tokens", "name", "Suporte", "scope", "read", "department_ids", account.support());
        assertThat(issued.status()).isEqualTo(200);
        var token = new ApiClient(tenants.port(), issued.document().selectFirst("#secret").attr("value"));
        assertThat(token.get("/ticket/detail", "ticket_id", account.billingTicket()).status()).isEqualTo(404);
        assertThat(issued.document().select(".token-departments").eachText()).contains("Suporte");

        var everywhere = account.admin().post("/console/admin/tokens", "name", "Geral", "scope", "read");
        var unlimited = new ApiClient(tenants.port(), everywhere.document().selectFirst("#secret").attr("value"));
        assertThat(unlimited.get("/ticket/detail", "ticket_id", account.billingTicket()).status()).isEqualTo(200);
        assertThat(everywhere.document().select(".token-departments").eachText()).contains("Todos os departamentos");

        account.admin().get("/console/admin/tokens");
        var unknown = account.admin().post("/console/admin/tokens", "name", "Outro", "scope", "read", "department_ids", "0".repeat(32));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.document().select("#issue-token input[name=name]").attr("value")).isEqualTo("Outro");
    }

    @Test
    void anOperatorLimitedToDepartmentsIssuesListsAndRevokesOnlyTokensWithinThem() {
        account.admin().get("/console/admin/roles");
        assertThat(account.admin().post("/console/admin/roles", "name", "Admin do suporte", "permission", "ADMINISTER_ACCOUNT").status()).isEqualTo(302);
        String roleId = account.admin().get("/console/admin/roles").document().selectFirst("section[aria-label=\"Admin do suporte\"]").id().substring(5);
        var operator = tenants.operator(account.tenant().accountId(), OperatorRole.OPERATOR);
        account.admin().get("/console/admin/operators/" + operator.id());
        assertThat(account.admin().post("/console/admin/operators/" + operator.id(), "name", operator.name(), "email", operator.email(),
                "role", "custom:" + roleId, "active", "true").status()).isEqualTo(302);
        ok(account.tenant().admin().post("/department/operator/add", "department_id", account.support(), "operator_id", operator.id()));
        String billingToken = ok(account.tenant().admin().post("/token/new", "name", "Do financeiro", "scope", "read", "department_ids", account.billing())).id();
        var session = tenants.signIn(operator);

        var page = session.get("/console/admin/tokens");
        assertThat(page.document().select("#issue-token input[name=department_ids]").eachAttr("value")).containsExactly(account.support());
        assertThat(page.document().select("tbody tr")).as("the account's unlimited and billing tokens are not listed").isEmpty();

        var forged = session.post("/console/admin/tokens", "name", "Mais largo", "scope", "admin", "department_ids", account.billing());
        assertThat(forged.status()).isEqualTo(400);
        var issued = session.post("/console/admin/tokens", "name", "Suporte", "scope", "read");
        assertThat(issued.status()).isEqualTo(200);
        var token = new ApiClient(tenants.port(), issued.document().selectFirst("#secret").attr("value"));
        assertThat(token.get("/ticket/detail", "ticket_id", account.billingTicket()).status()).as("limited to the operator's departments").isEqualTo(404);
        assertThat(issued.document().select("tbody tr")).hasSize(1);

        assertThat(session.post("/console/admin/tokens/" + billingToken + "/revoke").status()).isEqualTo(404);
        assertThat(ok(account.tenant().admin().get("/token/list")).data().toString()).contains(billingToken);
        assertThat(ok(account.tenant().admin().get("/token/list")).json().get("size").asInt()).isEqualTo(5);
    }
}
