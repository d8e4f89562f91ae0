package io.atende.console.tickets;

import java.util.ArrayList;
import java.util.List;

import io.atende.operator.OperatorRole;
import io.atende.support.ApiResponse;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An account for desk page tests: a department "Suporte" whose member is a signed-in operator,
 * a customer "Carla", and shortcuts that create tickets and chats through the API as a real
 * integration would.
 */
public final class DeskFixture {

    public final Tenant tenant;
    public final String department;
    public final String customer;
    public final TestTenants.Operator operator;
    public final BrowserSession session;
    private final TestTenants tenants;

    public DeskFixture(TestTenants tenants) {
        this.tenants = tenants;
        this.tenant = tenants.create();
        this.department = ok(tenant.admin().post("/department/new", "name", "Suporte")).id();
        this.customer = ok(tenant.writer().post("/customer/new", "customer_id", "c-1", "name", "Carla Cliente",
                "email", "carla@example.com")).id();
        var signedIn = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR);
        this.operator = signedIn.operator();
        this.session = signedIn.session();
        join(operator.id());
    }

    /** Another operator of the account, a member of the department, signed in to a session of their own. */
    public TestTenants.SignedIn colleague() {
        var other = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR);
        join(other.operator().id());
        return other;
    }

    /**
     * An operator of the account who is not a member of the department but sees it: a supervisor (an agent outside
     * the department would not find its tickets and chats at all).
     */
    public TestTenants.SignedIn outsider() {
        return tenants.signedIn(tenant.accountId(), OperatorRole.SUPERVISOR);
    }

    public void join(String operatorId) {
        ok(tenant.admin().post("/department/operator/add", "department_id", department, "operator_id", operatorId));
    }

    /** A new ticket of Carla in Suporte, without operator; extra API parameters as name, value pairs. */
    public String ticket(String subject, String... extra) {
        var params = new ArrayList<>(List.of("customer_id", "c-1", "department_id", department, "subject", subject,
                "message", "Mensagem de abertura de " + subject));
        params.addAll(List.of(extra));
        return ok(tenant.writer().post("/ticket/new", params.toArray(String[]::new))).json().get("ticket_id").asString();
    }

    /** A new ticket linked to the signed-in operator. */
    public String myTicket(String subject) {
        return ticket(subject, "operator_id", operator.id());
    }

    /** A chat Carla opened in Suporte, waiting in the queue. */
    public String chat(String message) {
        return ok(tenant.writer().post("/chat/new", "customer_id", "c-1", "department_id", department, "message", message)).id();
    }

    public ApiResponse detail(String ticket) {
        return ok(tenant.reader().get("/ticket/detail", "ticket_id", ticket, "show_tags", "1", "show_stopwatch", "1"));
    }

    public static ApiResponse ok(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response;
    }
}
