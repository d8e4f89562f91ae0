package io.atende.support;

import java.util.List;

import io.atende.account.AccountManagement;
import io.atende.account.IssueToken;
import io.atende.account.TokenScope;
import io.atende.account.UpdateAccount;
import io.atende.operator.CreateOperator;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorRole;
import io.atende.platform.RateLimit;

import org.springframework.core.env.Environment;
import org.springframework.boot.test.context.TestComponent;

/** Creates a fresh account per test, with tokens of each scope, talking to the running server. */
@TestComponent
public class TestTenants {

    /** Tests make many requests quickly; the rate limit has tests of its own. */
    public static final RateLimit GENEROUS = new RateLimit(100_000, 100_000);

    private final AccountManagement accounts;
    private final OperatorManagement operators;
    private final Environment environment;

    TestTenants(AccountManagement accounts, OperatorManagement operators, Environment environment) {
        this.accounts = accounts;
        this.operators = operators;
        this.environment = environment;
    }

    /** A new operator of the account who can sign in to the console with {@link Operator#password()}. */
    public Operator operator(String accountId, OperatorRole role) {
        String email = "op" + System.nanoTime() + "@example.com";
        String password = "pass-" + System.nanoTime();
        var created = operators.create(accountId, new CreateOperator("Operator " + email.substring(2, 8), email, password, role, true));
        return new Operator(accountId, created.id(), created.name(), email, password);
    }

    /** A browser session of a new operator of the account, already signed in to the console. */
    public SignedIn signedIn(String accountId, OperatorRole role) {
        var operator = operator(accountId, role);
        return new SignedIn(operator, signIn(operator));
    }

    /** A browser session signed in to the console as the operator. */
    public BrowserSession signIn(Operator operator) {
        var session = new BrowserSession(port());
        session.get("/console/sign-in");
        var answer = session.post("/console/sign-in", "email", operator.email(), "password", operator.password());
        if (answer.status() != 302 || !"/console".equals(answer.redirectPath())) {
            throw new IllegalStateException("sign-in failed: " + answer.status() + " " + answer.location());
        }
        session.get("/console");
        return session;
    }

    /** A new account with admin, write and read tokens. */
    public Tenant create() {
        var created = accounts.createAccount("Test " + System.nanoTime(), "America/Sao_Paulo");
        String accountId = created.account().id();
        accounts.update(accountId, new UpdateAccount(null, null, GENEROUS));
        String write = issue(accountId, TokenScope.WRITE);
        String read = issue(accountId, TokenScope.READ);
        return new Tenant(accountId, new ApiClient(port(), created.adminToken().secret()), new ApiClient(port(), write),
                new ApiClient(port(), read), new ApiClient(port(), null));
    }

    /**
     * A new account with departments Suporte and Financeiro, a customer {@code c-1} and a ticket of theirs in
     * Financeiro, and a console session of an admin of it.
     */
    public TwoDepartments twoDepartments() {
        var tenant = create();
        var admin = signedIn(tenant.accountId(), OperatorRole.ADMIN).session();
        String support = ApiResponse.ok(tenant.admin().post("/department/new", "name", "Suporte")).id();
        String billing = ApiResponse.ok(tenant.admin().post("/department/new", "name", "Financeiro")).id();
        ApiResponse.ok(tenant.writer().post("/customer/new", "customer_id", "c-1", "name", "Carla Cliente", "email", "carla@example.com"));
        String billingTicket = ApiResponse.ok(tenant.writer().post("/ticket/new", "customer_id", "c-1", "department_id", billing,
                "subject", "Cobrança", "message", "Cobrado duas vezes")).json().get("ticket_id").asString();
        return new TwoDepartments(tenant, admin, support, billing, billingTicket);
    }

    /** A token of the account with the given scope and allow-list. */
    public ApiClient client(String accountId, TokenScope scope, List<String> allowedIps, RateLimit limit) {
        var issued = accounts.issueToken(accountId, new IssueToken("test " + scope, scope, allowedIps, limit));
        return new ApiClient(port(), issued.secret());
    }

    /** The port the server listens on, known once it has started. */
    public int port() {
        return environment.getRequiredProperty("local.server.port", Integer.class);
    }

    private String issue(String accountId, TokenScope scope) {
        return accounts.issueToken(accountId, new IssueToken("test " + scope, scope, List.of(), null)).secret();
    }

    /**
     * One test's account.
     *
     * @param anonymous a client that sends no token
     */
    public record Tenant(String accountId, ApiClient admin, ApiClient writer, ApiClient reader, ApiClient anonymous) {
    }

    /** An operator and the password they sign in with. */
    public record Operator(String accountId, String id, String name, String email, String password) {
    }

    /** The account of {@link #twoDepartments}: its tokens, its admin's console session, its departments and ticket. */
    public record TwoDepartments(Tenant tenant, BrowserSession admin, String support, String billing, String billingTicket) {
    }

    /** An operator and their signed-in console session. */
    public record SignedIn(Operator operator, BrowserSession session) {
    }
}
