package io.atende.api.v2;

import java.util.ArrayList;
import java.util.List;

import io.atende.support.ApiClient;
import io.atende.support.ApiClient.FilePart;
import io.atende.support.ApiResponse;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/api.md, /token/new department_ids; docs/security.md, Roles and department visibility: a token limited to some
 * departments sees only their tickets and chats, on every list, detail, search, count and report, and another
 * department's ticket or chat by id is not found (404), exactly as an unknown one.
 */
@ApiTest
class DepartmentLimitedTokenApiTest {

    @Autowired
    TestTenants tenants;

    Tenant tenant;
    String support;
    String billing;
    String supportTicket;
    String billingTicket;
    String supportChat;
    String billingChat;
    ApiClient limited;

    @BeforeEach
    void twoDepartmentsWithATicketAndAChatEach() {
        tenant = tenants.create();
        support = ok(tenant.admin().post("/department/new", "name", "Suporte")).id();
        billing = ok(tenant.admin().post("/department/new", "name", "Financeiro")).id();
        ok(tenant.writer().post("/customer/new", "customer_id", "c-1", "name", "Carla", "email", "carla@example.com"));
        supportTicket = ticket(support, "Impressora travada");
        billingTicket = ticket(billing, "Impressora cobrada duas vezes");
        supportChat = ok(tenant.writer().post("/chat/new", "customer_id", "c-1", "department_id", support, "message", "oi")).id();
        billingChat = ok(tenant.writer().post("/chat/new", "customer_id", "c-1", "department_id", billing, "message", "oi")).id();
        var issued = ok(tenant.admin().post("/token/new", "name", "Suporte only", "scope", "write", "department_ids", support));
        assertThat(issued.data().get("department_ids")).extracting(JsonNode::asString).containsExactly(support);
        limited = new ApiClient(tenants.port(), issued.data().get("token").asString());
    }

    private String ticket(String department, String subject) {
        return ok(tenant.writer().post("/ticket/new", "customer_id", "c-1", "department_id", department, "subject", subject,
                "message", "Não imprime")).json().get("ticket_id").asString();
    }

    static ApiResponse ok(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isIn(200, 201);
        return response;
    }

    static List<String> ids(ApiResponse list) {
        List<String> ids = new ArrayList<>();
        list.data().forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    @Test
    void ticketListsCountsAndSearchesHoldOnlyItsDepartments() {
        var all = ok(limited.get("/ticket/list"));
        assertThat(ids(all)).containsExactly(supportTicket);
        assertThat(all.json().get("size").asLong()).isEqualTo(1);
        assertThat(ids(ok(limited.get("/ticket/list", "search", "impressora")))).containsExactly(supportTicket);
        assertThat(ok(limited.get("/ticket/list", "situation", "0,1,2,3,4,5")).json().get("size").asLong()).isEqualTo(1);
        assertThat(ok(limited.get("/ticket/list", "department_id", billing)).json().get("size").asLong()).isZero();
        assertThat(ok(limited.get("/ticket/list", "customer_id", "c-1")).json().get("size").asLong()).isEqualTo(1);
        assertThat(ok(limited.get("/ticket/list", "min_protocol", "1")).json().get("size").asLong()).isEqualTo(1);

        assertThat(ok(tenant.reader().get("/ticket/list")).json().get("size").asLong()).as("an unlimited token sees both").isEqualTo(2);
    }

    @Test
    void anotherDepartmentsTicketIsNotFoundWhateverIsAskedOfIt() {
        assertThat(ok(limited.get("/ticket/detail", "ticket_id", supportTicket)).data().get("id").asString()).isEqualTo(supportTicket);
        var unknown = limited.get("/ticket/detail", "ticket_id", "0".repeat(32));
        var hidden = limited.get("/ticket/detail", "ticket_id", billingTicket);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.message()).isEqualTo(unknown.message());
        assertThat(limited.get("/ticket/history", "ticket_id", billingTicket).status()).isEqualTo(404);
        assertThat(limited.post("/ticket/reply/operator", "ticket_id", billingTicket, "message", "oi").status()).isEqualTo(404);
        assertThat(limited.post("/ticket/comment", "ticket_id", billingTicket, "comment", "oi").status()).isEqualTo(404);
        assertThat(limited.post("/ticket/tag/add", "ticket_id", billingTicket, "tag", "x").status()).isEqualTo(404);
        assertThat(limited.post("/ticket/merge", "ticket_id", supportTicket, "into_ticket_id", billingTicket).status()).isEqualTo(404);
        assertThat(limited.post("/ticket/new", "customer_id", "c-1", "department_id", billing, "subject", "x", "message", "y").status())
                .isEqualTo(404);
        assertThat(ok(tenant.reader().get("/ticket/history", "ticket_id", billingTicket)).data()).as("nothing was written").hasSize(1);
        assertThat(ok(tenant.reader().get("/ticket/detail", "ticket_id", billingTicket, "show_tags", "1")).data().get("tags"))
                .isEmpty();
    }

    @Test
    void aChildTicketOfAnotherDepartmentIsLeftOutOfTheDetail() {
        ok(tenant.writer().post("/ticket/parent", "ticket_id", billingTicket, "parent_ticket_id", supportTicket));
        assertThat(ok(tenant.reader().get("/ticket/detail", "ticket_id", supportTicket, "show_staggered_tickets", "1")).data()
                .get("staggered_tickets")).hasSize(1);
        assertThat(ok(limited.get("/ticket/detail", "ticket_id", supportTicket, "show_staggered_tickets", "1")).data()
                .get("staggered_tickets")).isEmpty();
        assertThat(limited.post("/ticket/parent", "ticket_id", supportTicket, "parent_ticket_id", billingTicket).status())
                .isEqualTo(404);
    }

    @Test
    void anotherDepartmentsAttachmentIsNotFound() {
        var png = new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0};
        String ticket = ok(tenant.writer().postMultipart("/ticket/new", List.of(new FilePart("attachment[0]", "a.png", "image/png", png)),
                "customer_id", "c-1", "department_id", billing, "subject", "Print", "message", "Segue")).json().get("ticket_id").asString();
        String file = ok(tenant.reader().get("/ticket/detail", "ticket_id", ticket)).data().get("replies").get(0).get("attachments")
                .get(0).get("id").asString();
        assertThat(tenant.reader().get("/ticket/attachment", "attachment_id", file).status()).isEqualTo(200);
        assertThat(limited.get("/ticket/attachment", "attachment_id", file).status()).isEqualTo(404);
    }

    @Test
    void chatsOfAnotherDepartmentAreLeftOutAndNotFound() {
        assertThat(ids(ok(limited.get("/chat/list")))).containsExactly(supportChat);
        assertThat(ok(limited.get("/chat/detail", "chat_id", supportChat)).data().get("id").asString()).isEqualTo(supportChat);
        assertThat(limited.get("/chat/detail", "chat_id", billingChat).status()).isEqualTo(404);
        assertThat(limited.post("/chat/message", "chat_id", billingChat, "message", "oi", "sender_type", "C").status()).isEqualTo(404);
        assertThat(limited.post("/chat/finish", "chat_id", billingChat).status()).isEqualTo(404);
        assertThat(limited.get("/chat/stream", "chat_id", billingChat).status()).isEqualTo(404);
        assertThat(ids(ok(tenant.reader().get("/chat/list")))).containsExactlyInAnyOrder(supportChat, billingChat);
    }

    @Test
    void reportsCountOnlyItsDepartments() {
        assertThat(ok(tenant.reader().get("/report/tickets")).data().get("total").get("created").asLong()).isEqualTo(2);
        assertThat(ok(limited.get("/report/tickets")).data().get("total").get("created").asLong()).isEqualTo(1);
        var byDepartment = ok(limited.get("/report/tickets", "group_by", "department")).data().get("rows");
        assertThat(byDepartment).hasSize(1);
        assertThat(byDepartment.get(0).get("group").asString()).isEqualTo(support);
        assertThat(ok(limited.get("/report/tickets", "department_id", billing)).data().get("total").get("created").asLong()).isZero();
        assertThat(ok(limited.get("/report/chats")).data().get("total").get("queued").asLong()).isEqualTo(1);
        assertThat(ok(tenant.reader().get("/report/chats")).data().get("total").get("queued").asLong()).isEqualTo(2);
    }

    @Test
    void anUnknownOrAnotherAccountsDepartmentIsRefusedAndNothingIsIssued() {
        int before = ok(tenant.admin().get("/token/list")).json().get("size").asInt();
        var unknown = tenant.admin().post("/token/new", "name", "x", "scope", "read", "department_ids", support + ",nope");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.message()).contains("department_ids").contains("nope");

        var other = tenants.create();
        String theirs = ok(other.admin().post("/department/new", "name", "Deles")).id();
        assertThat(tenant.admin().post("/token/new", "name", "x", "scope", "read", "department_ids", theirs).status()).isEqualTo(400);
        assertThat(ok(tenant.admin().get("/token/list")).json().get("size").asInt()).isEqualTo(before);
    }

    @Test
    void theListShowsTheLimitAndALimitedTokenIssuesNoWiderToken() {
        var listed = ok(tenant.admin().get("/token/list")).data();
        JsonNode mine = null;
        for (var token : listed) {
            if (token.get("name").asString().equals("Suporte only")) {
                mine = token;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("department_ids")).extracting(JsonNode::asString).containsExactly(support);

        var limitedAdmin = new ApiClient(tenants.port(), ok(tenant.admin().post("/token/new", "name", "Suporte admin", "scope", "admin",
                "department_ids", support)).data().get("token").asString());
        assertThat(limitedAdmin.post("/token/new", "name", "wider", "scope", "read", "department_ids", billing).status()).isEqualTo(400);
        var same = ok(limitedAdmin.post("/token/new", "name", "same", "scope", "read"));
        assertThat(same.data().get("department_ids")).extracting(JsonNode::asString).containsExactly(support);
    }

    @Test
    void anotherAccountsTicketsStayInvisible() {
        var other = tenants.create();
        String theirDepartment = ok(other.admin().post("/department/new", "name", "Deles")).id();
        ok(other.writer().post("/customer/new", "customer_id", "c-9", "name", "Outro", "email", "outro@example.com"));
        String theirTicket = ok(other.writer().post("/ticket/new", "customer_id", "c-9", "department_id", theirDepartment,
                "subject", "Deles", "message", "x")).json().get("ticket_id").asString();
        assertThat(limited.get("/ticket/detail", "ticket_id", theirTicket).status()).isEqualTo(404);
        assertThat(ok(limited.get("/ticket/list", "search", "deles")).json().get("size").asLong()).isZero();
    }

    private ApiClient limitedAdmin() {
        return new ApiClient(tenants.port(), ok(tenant.admin().post("/token/new", "name", "Suporte admin", "scope", "admin",
                "department_ids", support)).data().get("token").asString());
    }

    @Test
    void aLimitedAdminTokenAdministersNothingOfTheWholeAccount() {
        var admin = limitedAdmin();
        String operator = ok(tenant.admin().post("/operator/new", "name", "Ana", "email", "ana@example.com")).id();
        String[][] accountWide = {
                {"/account/update", "name", "Tomada"},
                {"/department/new", "name", "Nova"},
                {"/operator/new", "name", "Bea", "email", "bea@example.com"},
                {"/operator/update", "operator_id", operator, "role", "admin"},
                {"/operator/delete", "operator_id", operator},
                {"/webhook/new", "url", "https://example.com/hook", "events", "ticket.created"},
                {"/report/recount"},
        };
        for (String[] call : accountWide) {
            var answer = admin.post(call[0], java.util.Arrays.copyOfRange(call, 1, call.length));
            assertThat(answer.status()).as(call[0]).isEqualTo(403);
            assertThat(answer.message()).as(call[0]).contains("limited to departments");
        }
        assertThat(admin.get("/webhook/list").status()).isEqualTo(403);
        assertThat(admin.get("/audit/list").status()).isEqualTo(403);
        var unchanged = ok(tenant.admin().get("/operator/list")).data();
        assertThat(unchanged.toString()).contains("\"role\":\"operator\"").doesNotContain("Bea");
        // The unlimited admin token still does all of it.
        assertThat(tenant.admin().get("/webhook/list").status()).isEqualTo(200);
    }

    @Test
    void aLimitedAdminTokenManagesMembershipsAndTokensOfItsDepartmentsOnly() {
        var admin = limitedAdmin();
        String operator = ok(tenant.admin().post("/operator/new", "name", "Ana", "email", "ana@example.com")).id();
        ok(admin.post("/department/operator/add", "department_id", support, "operator_id", operator));
        assertThat(admin.post("/department/operator/add", "department_id", billing, "operator_id", operator).status()).isEqualTo(404);
        assertThat(ok(tenant.admin().get("/department/operator/list", "department_id", billing)).data().toString()).doesNotContain(operator);
        ok(admin.post("/department/operator/remove", "department_id", support, "operator_id", operator));
        assertThat(admin.post("/department/operator/remove", "department_id", billing, "operator_id", operator).status()).isEqualTo(404);

        String unlimited = ok(tenant.admin().post("/token/new", "name", "Integração geral", "scope", "read")).id();
        String billingToken = ok(tenant.admin().post("/token/new", "name", "Financeiro", "scope", "read", "department_ids", billing)).id();
        String own = ok(admin.post("/token/new", "name", "Suporte leitura", "scope", "read")).id();
        var listed = ok(admin.get("/token/list")).data();
        var ids = new ArrayList<String>();
        listed.forEach(token -> ids.add(token.get("id").asString()));
        assertThat(ids).contains(own).doesNotContain(unlimited, billingToken);
        assertThat(admin.post("/token/revoke", "token_id", unlimited).status()).isEqualTo(404);
        assertThat(admin.post("/token/revoke", "token_id", billingToken).status()).isEqualTo(404);
        ok(admin.post("/token/revoke", "token_id", own));
        var all = ok(tenant.admin().get("/token/list")).data().toString();
        assertThat(all).contains(unlimited, billingToken);
    }
}
