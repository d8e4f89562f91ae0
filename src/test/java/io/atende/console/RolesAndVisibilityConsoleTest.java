package io.atende.console;

import io.atende.operator.OperatorRole;
import io.atende.support.ApiResponse;
import io.atende.support.ApiTest;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/security.md, Roles and department visibility; docs/console.md: an agent sees and searches only the tickets and
 * chats of their own departments (another department's ticket or chat is the 404 page), a supervisor sees every
 * department and the reports but no administration, and an admin picks each operator's role.
 */
@ApiTest
class RolesAndVisibilityConsoleTest {

    @Autowired
    TestTenants tenants;

    Tenant tenant;
    String support;
    String billing;
    String customer;
    String supportTicket;
    String billingTicket;
    String supportChat;
    String billingChat;
    TestTenants.SignedIn agent;

    @BeforeEach
    void anAgentOfSupportAndTicketsAndChatsOfSupportAndBilling() {
        tenant = tenants.create();
        support = ok(tenant.admin().post("/department/new", "name", "Suporte")).id();
        billing = ok(tenant.admin().post("/department/new", "name", "Financeiro")).id();
        customer = ok(tenant.writer().post("/customer/new", "customer_id", "c-1", "name", "Carla Cliente", "email", "carla@example.com")).id();
        supportTicket = ticket(support, "Impressora travada");
        billingTicket = ticket(billing, "Impressora cobrada duas vezes");
        supportChat = ok(tenant.writer().post("/chat/new", "customer_id", "c-1", "department_id", support, "message", "oi")).id();
        billingChat = ok(tenant.writer().post("/chat/new", "customer_id", "c-1", "department_id", billing, "message", "oi")).id();
        agent = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR);
        ok(tenant.admin().post("/department/operator/add", "department_id", support, "operator_id", agent.operator().id()));
    }

    private String ticket(String department, String subject) {
        return ok(tenant.writer().post("/ticket/new", "customer_id", "c-1", "department_id", department, "subject", subject,
                "message", "Não imprime")).json().get("ticket_id").asString();
    }

    static ApiResponse ok(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response;
    }

    @Test
    void anAgentsQueuesCountsAndSearchHoldOnlyTheirDepartments() {
        BrowserSession session = agent.session();
        var queue = session.get("/console/tickets?queue=unassigned");
        assertThat(queue.document().select("tbody tr").eachAttr("id")).containsExactly("ticket-" + supportTicket);
        assertThat(queue.text("#count-unassigned")).isEqualTo("1");
        assertThat(queue.text("#count-open")).isEqualTo("1");
        assertThat(queue.document().select("#department_id option").eachText()).doesNotContain("Financeiro");
        var searched = session.get("/console/tickets?queue=all&search=impressora");
        assertThat(searched.document().select("tbody tr").eachAttr("id")).containsExactly("ticket-" + supportTicket);
        assertThat(session.get("/console").text("#home-ticket-counts")).isEqualTo("Sem atendente: 1 · Meus: 0");
        assertThat(session.get("/console").text("#home-chat-counts")).contains("1");
    }

    @Test
    void anotherDepartmentsTicketIsTheNotFoundPageAndCannotBeWorked() {
        BrowserSession session = agent.session();
        assertThat(session.get("/console/tickets/" + supportTicket).status()).isEqualTo(200);
        var hidden = session.get("/console/tickets/" + billingTicket);
        var unknown = session.get("/console/tickets/" + "0".repeat(32));
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(hidden.text("main")).as("the same page as an unknown ticket's").contains("Chamado não encontrado");
        assertThat(unknown.text("main")).contains("Chamado não encontrado");
        assertThat(session.post("/console/tickets/" + billingTicket + "/comment", "comment", "espiando").status()).isEqualTo(404);
        assertThat(session.post("/console/tickets/" + billingTicket + "/take").status()).isEqualTo(404);
        var detail = ok(tenant.reader().get("/ticket/detail", "ticket_id", billingTicket)).data();
        assertThat(detail.get("operator").get("id").isNull()).as("nothing was done to it").isTrue();
        assertThat(ok(tenant.reader().get("/ticket/history", "ticket_id", billingTicket)).data()).hasSize(1);
    }

    @Test
    void theCustomerPageListsOnlyTheAgentsDepartmentsTickets() {
        var page = agent.session().get("/console/customers/" + customer);
        assertThat(page.document().select("#customer-tickets tbody tr").text()).contains("Impressora travada")
                .doesNotContain("cobrada");
    }

    @Test
    void chatsOfAnotherDepartmentAreNotInTheQueueAndNotFound() {
        BrowserSession session = agent.session();
        var desk = session.get("/console/chats");
        assertThat(desk.document().select("#chat-" + supportChat)).hasSize(1);
        assertThat(desk.document().select("#chat-" + billingChat)).isEmpty();
        assertThat(session.get("/console/chats/" + billingChat).status()).isEqualTo(404);
        assertThat(session.post("/console/chats/" + billingChat + "/accept").status()).isEqualTo(404);
        assertThat(ok(tenant.reader().get("/chat/detail", "chat_id", billingChat)).data().get("situation").get("id").asInt())
                .as("still queued").isEqualTo(1);
    }

    @Test
    void anAgentOfNoDepartmentSeesNoTicket() {
        var loner = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR).session();
        var queue = loner.get("/console/tickets?queue=all");
        assertThat(queue.status()).isEqualTo(200);
        assertThat(queue.document().select("tbody tr")).isEmpty();
        assertThat(loner.get("/console/tickets/" + supportTicket).status()).isEqualTo(404);
    }

    @Test
    void aSupervisorSeesEveryDepartmentAndTheReportsButNoAdministration() {
        var supervisor = tenants.signedIn(tenant.accountId(), OperatorRole.SUPERVISOR).session();
        var queue = supervisor.get("/console/tickets?queue=unassigned");
        assertThat(queue.document().select("tbody tr").eachAttr("id"))
                .containsExactlyInAnyOrder("ticket-" + supportTicket, "ticket-" + billingTicket);
        assertThat(supervisor.get("/console/tickets/" + billingTicket).status()).isEqualTo(200);
        assertThat(supervisor.get("/console/chats/" + billingChat).status()).isEqualTo(200);

        var reports = supervisor.get("/console/reports");
        assertThat(reports.status()).isEqualTo(200);
        assertThat(reports.document().select("#recount")).as("recounting is administration").isEmpty();
        assertThat(supervisor.post("/console/reports/recount").status()).isEqualTo(403);
        assertThat(supervisor.get("/console").document().select("nav a[href=/console/reports]")).hasSize(1);
        assertThat(supervisor.get("/console").document().select("nav a[href=/console/admin]")).isEmpty();
        for (String path : new String[] {"/console/admin", "/console/admin/operators", "/console/admin/tokens", "/console/admin/mail"}) {
            assertThat(supervisor.get(path).status()).as(path).isEqualTo(403);
        }
        assertThat(supervisor.post("/console/customers/" + customer + "/delete").status()).isEqualTo(403);
        assertThat(supervisor.get("/console/profile").text("main")).contains("Supervisor");
    }

    @Test
    void anAgentIsKeptOutOfTheReports() {
        assertThat(agent.session().get("/console/reports").status()).isEqualTo(403);
        assertThat(agent.session().get("/console").document().select("nav a[href=/console/reports]")).isEmpty();
    }

    @Test
    void anAdminPicksTheRoleOnTheOperatorsPage() {
        var admin = tenants.signedIn(tenant.accountId(), OperatorRole.ADMIN).session();
        var form = admin.get("/console/admin/operators/" + agent.operator().id());
        assertThat(form.document().select("#role option").eachAttr("value")).containsExactly("OPERATOR", "SUPERVISOR", "ADMIN");
        var saved = admin.post("/console/admin/operators/" + agent.operator().id(), "name", agent.operator().name(),
                "email", agent.operator().email(), "role", "SUPERVISOR", "active", "true");
        assertThat(saved.status()).isEqualTo(302);
        assertThat(ok(tenant.admin().get("/operator/list")).data().findValues("role").stream().map(node -> node.asString()))
                .contains("supervisor");
        // The role applies at the agent's next request: every department, and the reports.
        assertThat(agent.session().get("/console/tickets/" + billingTicket).status()).isEqualTo(200);
        assertThat(agent.session().get("/console/reports").status()).isEqualTo(200);

        var refused = admin.post("/console/admin/operators/" + agent.operator().id(), "name", agent.operator().name(),
                "email", agent.operator().email(), "role", "OWNER", "active", "true");
        assertThat(refused.status()).isEqualTo(400);
    }

    @Test
    void anotherAccountsTicketIsNotFoundEvenForASupervisor() {
        var other = tenants.create();
        var supervisor = tenants.signedIn(other.accountId(), OperatorRole.SUPERVISOR).session();
        assertThat(supervisor.get("/console/tickets/" + supportTicket).status()).isEqualTo(404);
        assertThat(supervisor.get("/console/tickets?queue=all").document().select("tbody tr")).isEmpty();
    }

    @Test
    void anAgentOpensTicketsOnlyInTheirDepartments() {
        BrowserSession session = agent.session();
        var form = session.get("/console/tickets/new");
        assertThat(form.document().select("#new-department option[value]").eachAttr("value")).contains(support).doesNotContain(billing);
        long before = ok(tenant.reader().get("/ticket/list")).json().get("size").asLong();
        var forged = session.post("/console/tickets/new", "customer_mode", "existing", "customer_id", customer,
                "department_id", billing, "subject", "Forjado", "message", "x");
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.text("#new-error")).contains("seus próprios departamentos");
        assertThat(ok(tenant.reader().get("/ticket/list")).json().get("size").asLong()).as("nothing opened").isEqualTo(before);
        session.get("/console/tickets/new");
        var opened = session.post("/console/tickets/new", "customer_mode", "existing", "customer_id", customer,
                "department_id", support, "subject", "Permitido", "message", "x");
        assertThat(opened.status()).isEqualTo(302);
        // A supervisor sees every department and opens tickets in any.
        var supervisor = tenants.signedIn(tenant.accountId(), OperatorRole.SUPERVISOR).session();
        assertThat(supervisor.get("/console/tickets/new").document().select("#new-department option[value]").eachAttr("value"))
                .contains(support, billing);
    }

    @Test
    void theTicketPageDoesNotNameLinkedTicketsOfDepartmentsTheAgentDoesNotSee() {
        ok(tenant.writer().post("/ticket/parent", "ticket_id", supportTicket, "parent_ticket_id", billingTicket));
        var page = agent.session().get("/console/tickets/" + supportTicket);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("cobrada duas vezes").doesNotContain(billingTicket);
        assertThat(page.document().select("#parent-ticket")).isEmpty();
        // Who sees both departments sees the link.
        var supervisor = tenants.signedIn(tenant.accountId(), OperatorRole.SUPERVISOR).session();
        assertThat(supervisor.get("/console/tickets/" + supportTicket).text("#parent-ticket")).contains("cobrada duas vezes");
        // The parent's page, for the supervisor, lists the child; a billing agent would not see support's child there.
        var billingAgent = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR);
        ok(tenant.admin().post("/department/operator/add", "department_id", billing, "operator_id", billingAgent.operator().id()));
        var parentPage = billingAgent.session().get("/console/tickets/" + billingTicket);
        assertThat(parentPage.status()).isEqualTo(200);
        assertThat(parentPage.document().select("#child-tickets li")).isEmpty();
        assertThat(parentPage.body()).doesNotContain("Impressora travada");
    }

    @Test
    void aParentOfADepartmentTheAgentDoesNotSeeIsNamedOnlyAsSuchAndCannotBeChangedFromTheTicket() {
        ok(tenant.writer().post("/ticket/parent", "ticket_id", supportTicket, "parent_ticket_id", billingTicket));
        String otherSupportTicket = ticket(support, "Scanner travado");
        long otherProtocol = tenant.writer().get("/ticket/detail", "ticket_id", otherSupportTicket).json().get("data").get("protocol").asLong();
        var session = agent.session();

        var page = session.get("/console/tickets/" + supportTicket);
        assertThat(page.text("#parent-ticket-hidden")).contains("um chamado de outro departamento")
                .contains("Só quem vê o departamento dele pode trocá-lo ou removê-lo.");
        assertThat(page.document().select("#set-parent, #parent-input, #remove-parent")).isEmpty();
        assertThat(page.body()).doesNotContain("cobrada duas vezes").doesNotContain(billingTicket);

        var replaced = session.htmx().post("/console/tickets/" + supportTicket + "/parent", "parent", "#" + otherProtocol);
        assertThat(replaced.status()).isEqualTo(409);
        assertThat(replaced.text("#links [role=alert]")).isEqualTo(
                "O chamado pai deste chamado é de outro departamento: só quem vê aquele departamento pode trocá-lo ou removê-lo.");
        assertThat(replaced.body()).doesNotContain("cobrada duas vezes");
        var removed = session.htmx().post("/console/tickets/" + supportTicket + "/parent", "remove", "1");
        assertThat(removed.status()).isEqualTo(409);
        // Nor by making it another ticket's child from that ticket's page.
        var adopted = session.htmx().post("/console/tickets/" + otherSupportTicket + "/child", "child", supportTicket);
        assertThat(adopted.status()).isEqualTo(409);
        assertThat(adopted.text("#links [role=alert]")).startsWith("O chamado pai deste chamado é de outro departamento");

        assertThat(tenant.writer().get("/ticket/detail", "ticket_id", supportTicket).json().get("data").get("parent_ticket_id").asString())
                .as("the parent stays").isEqualTo(billingTicket);
        // Who sees the parent's department still changes it.
        var supervisor = tenants.signedIn(tenant.accountId(), OperatorRole.SUPERVISOR).session();
        supervisor.get("/console/tickets/" + supportTicket);
        assertThat(supervisor.htmx().post("/console/tickets/" + supportTicket + "/parent", "remove", "1").status()).isEqualTo(200);
    }
}
