package io.atende.api.v2;

import java.util.List;

import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;


import static io.atende.api.v2.TicketFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** docs/api.md, Endpoints: Tickets /ticket/list: every filter alone and combined, order, paging, truncation and search. */
@ApiTest
class TicketListApiTest {

    @Autowired
    TestTenants tenants;

    TicketFixture fx;

    @BeforeEach
    void newAccount() {
        fx = new TicketFixture(tenants.create());
    }

    private List<Long> protocols(String... params) {
        return fx.listedProtocols(params);
    }

    @Test
    void listsByProtocolDescendingByDefaultAndOrdersByTheGivenColumn() {
        for (int i = 0; i < 3; i++) {
            fx.openTicket();
        }
        assertThat(protocols()).containsExactly(3L, 2L, 1L);
        assertThat(protocols("order", "ASC")).containsExactly(1L, 2L, 3L);
        assertThat(protocols("column", "creation_date", "order", "asc")).containsExactly(1L, 2L, 3L);
        assertThat(protocols("column", "last_update")).hasSize(3);
        assertThat(fx.tenant.reader().get("/ticket/list", "column", "subject").status()).isEqualTo(400);
        assertThat(fx.tenant.reader().get("/ticket/list", "order", "UP").status()).isEqualTo(400);
    }

    @Test
    void sortsByPriorityMostUrgentFirstThenByProtocol() {
        fx.openTicket("priority", "2");
        fx.openTicket("priority", "4");
        fx.openTicket("priority", "1");
        fx.openTicket("priority", "4");
        assertThat(protocols("column", "priority")).containsExactly(4L, 2L, 1L, 3L);
        assertThat(protocols("order_field", "priority", "order", "ASC")).containsExactly(3L, 1L, 2L, 4L);
    }

    @Test
    void filtersEachAloneAndCombined() {
        String category = ok(fx.tenant.admin().post("/department/category/new", "department_id", fx.department, "name", "Rede")).id();
        String organization = ok(fx.tenant.writer().post("/organization/new", "name", "ACME")).id();
        String branch = ok(fx.tenant.writer().post("/organization/new", "name", "ACME Sul", "parent_id", organization)).id();
        ok(fx.tenant.writer().post("/customer/new", "customer_id", "c-2", "name", "Davi", "organization_id", branch));
        String status = ok(fx.tenant.writer().post("/status/new", "name", "Pendente")).id();

        String first = fx.openTicket("priority", "1");
        String second = fx.openTicket("priority", "4", "category_id", category, "operator_id", fx.operator);
        fx.openTicket("customer_id", "c-2");
        ok(fx.tenant.writer().post("/ticket/status/open", "ticket_id", second, "status_id", status));

        assertThat(protocols("priority", "1,4")).containsExactly(2L, 1L);
        assertThat(protocols("priority", "4")).containsExactly(2L);
        assertThat(protocols("situation", "0")).containsExactly(3L, 1L);
        assertThat(protocols("situation", "1,5")).containsExactly(2L);
        assertThat(protocols("category_id", category)).containsExactly(2L);
        assertThat(protocols("operator_id", fx.operator)).containsExactly(2L);
        assertThat(protocols("status_id", status)).containsExactly(2L);
        assertThat(protocols("department_id", fx.department)).containsExactly(3L, 2L, 1L);
        assertThat(protocols("customer_id", "c-2")).containsExactly(3L);
        assertThat(protocols("customer_id", "carla@example.com", "customer_type_id", "E")).containsExactly(2L, 1L);
        assertThat(protocols("customer_id", "nobody")).isEmpty();
        assertThat(protocols("organization_id", organization)).containsExactly(3L);
        assertThat(protocols("min_protocol", "2")).containsExactly(3L, 2L);
        assertThat(protocols("max_protocol", "2")).containsExactly(2L, 1L);
        assertThat(protocols("min_protocol", "2", "max_protocol", "2")).containsExactly(2L);
        assertThat(protocols("creation_date_ge", "2000-01-01", "creation_date_le", "2999-01-01 00:00:00-0300")).hasSize(3);
        assertThat(protocols("creation_date_ge", "2999-01-01")).isEmpty();
        assertThat(protocols("last_update_ge", "2999-01-01")).isEmpty();
        assertThat(protocols("customer_id", "c-1", "priority", "1", "situation", "0")).containsExactly(1L);
        assertThat(first).isNotNull();

        assertThat(fx.tenant.reader().get("/ticket/list", "situation", "x").status()).isEqualTo(400);
        assertThat(fx.tenant.reader().get("/ticket/list", "situation", "12").status()).isEqualTo(400);
        assertThat(fx.tenant.reader().get("/ticket/list", "priority", "0").status()).isEqualTo(400);
        assertThat(fx.tenant.reader().get("/ticket/list", "min_protocol", "a").status()).isEqualTo(400);
        var badDate = fx.tenant.reader().get("/ticket/list", "creation_date_ge", "21/08/2026");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.message()).contains("Invalid date.");
        assertThat(fx.tenant.reader().get("/ticket/list", "organization_id", "0".repeat(32)).status()).isEqualTo(404);
    }

    @Test
    void pagesFiftyAtATimeAnd404PastTheLastPage() {
        for (int i = 0; i < 51; i++) {
            fx.openTicket();
        }
        var first = ok(fx.tenant.reader().get("/ticket/list"));
        assertThat(first.data()).hasSize(50);
        assertThat(first.json().get("size").asInt()).isEqualTo(51);
        assertThat(first.json().get("pages").asInt()).isEqualTo(2);
        assertThat(first.json().get("next_page").asInt()).isEqualTo(2);
        assertThat(first.json().get("previous_page").isNull()).isTrue();
        var second = ok(fx.tenant.reader().get("/ticket/list", "page", "2"));
        assertThat(second.data()).hasSize(1);
        assertThat(second.data().get(0).get("protocol").asLong()).isEqualTo(1);
        assertThat(second.json().get("next_page").isNull()).isTrue();
        assertThat(fx.tenant.reader().get("/ticket/list", "page", "3").status()).isEqualTo(404);
        assertThat(fx.tenant.reader().get("/ticket/list", "page", "0").status()).isEqualTo(400);
    }

    @Test
    void anEmptyListIs200WithSizeZero() {
        var empty = ok(fx.tenant.reader().get("/ticket/list"));
        assertThat(empty.json().get("size").asInt()).isZero();
        assertThat(empty.json().get("pages").asInt()).isZero();
        assertThat(empty.data()).isEmpty();
    }

    @Test
    void truncatesTheBodyTo250CharactersOnRequest() {
        fx.openTicket("message", "a".repeat(300));

        assertThat(ok(fx.tenant.reader().get("/ticket/list", "truncate_body", "1")).data().get(0).get("message").asString())
                .hasSize(250);
        assertThat(ok(fx.tenant.reader().get("/ticket/list")).data().get(0).get("message").asString()).hasSize(300);
    }

    @Test
    void searchesTheSubjectAndEveryMessageIgnoringCaseAndAccents() {
        String printer = fx.openTicket("subject", "Impressora parada", "message", "Não liga");
        String network = fx.openTicket("subject", "Rede", "message", "Sem conexão no <b>escritório</b>");
        ok(fx.tenant.writer().post("/ticket/operator/link", "ticket_id", network, "operator_id", fx.operator));
        ok(fx.tenant.writer().post("/ticket/reply/operator", "ticket_id", network, "message", "Troque o roteador Zyxel"));
        ok(fx.tenant.writer().post("/ticket/comment", "ticket_id", printer, "comment", "Toner vazio"));

        assertThat(protocols("search", "impressora")).containsExactly(1L);
        assertThat(protocols("search", "IMPRES")).containsExactly(1L);
        assertThat(protocols("search", "conexao")).containsExactly(2L);
        assertThat(protocols("search", "escritorio")).containsExactly(2L);
        assertThat(protocols("search", "zyxel roteador")).containsExactly(2L);
        assertThat(protocols("search", "toner")).containsExactly(1L);
        assertThat(protocols("search", "zyxel impressora")).isEmpty();
        assertThat(protocols("search", "pressora")).isEmpty();
        assertThat(protocols("search", "b")).isEmpty();
        assertThat(protocols("search", "rede", "situation", "2")).containsExactly(2L);
        assertThat(protocols("search", "%")).hasSize(2);

        var other = new TicketFixture(tenants.create());
        assertThat(ok(other.tenant.reader().get("/ticket/list", "search", "impressora")).data()).isEmpty();
    }

    @Test
    void keepsSearchingAfterLongRepetitiveConversations() {
        String ticket = fx.openTicket("subject", "Lentidão");
        String longText = "lento ".repeat(16_000) + "finalmente";
        for (int i = 0; i < 3; i++) {
            ok(fx.tenant.writer().post("/ticket/reply/customer", "ticket_id", ticket, "message", longText));
        }

        assertThat(protocols("search", "finalmente lentidao")).containsExactly(1L);
    }
}
