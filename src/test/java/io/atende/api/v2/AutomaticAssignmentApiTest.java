package io.atende.api.v2;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

import io.atende.assignment.AutomaticAssignment;
import io.atende.support.ApiClient;
import io.atende.support.ApiResponse;
import io.atende.support.ApiTest;
import io.atende.support.TestNodes;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import tools.jackson.databind.JsonNode;

import static io.atende.api.v2.TicketFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Automatic assignment per department: the department's mode and cap, operators' availability, who gets each new
 * ticket (round robin, least open), tickets that wait for a free operator, and fairness across two nodes.
 */
@ApiTest
class AutomaticAssignmentApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    TestTenants tenants;

    @Autowired
    Environment environment;

    @Autowired
    AutomaticAssignment assignment;

    TicketFixture fx;

    @BeforeEach
    void setUp() {
        fx = new TicketFixture(tenants.create());
    }

    // --- settings -------------------------------------------------------------------------------------------------

    @Test
    void aDepartmentKeepsItsAssignmentModeAndCapAndListsThem() {
        var created = ok(fx.tenant.admin().post("/department/new", "name", "Vendas", "assignment", "round_robin",
                "max_open_per_operator", "3"));
        assertThat(created.data().get("assignment").asString()).isEqualTo("round_robin");
        assertThat(created.data().get("max_open_per_operator").asInt()).isEqualTo(3);

        var updated = ok(fx.tenant.admin().post("/department/update", "department_id", created.id(), "assignment", "LEAST_OPEN"));
        assertThat(updated.data().get("assignment").asString()).isEqualTo("least_open");
        assertThat(updated.data().get("name").asString()).isEqualTo("Vendas");
        assertThat(updated.data().get("max_open_per_operator").asInt()).isEqualTo(3);

        JsonNode listed = department(created.id());
        assertThat(listed.get("assignment").asString()).isEqualTo("least_open");
        assertThat(listed.get("max_open_per_operator").asInt()).isEqualTo(3);

        ok(fx.tenant.admin().post("/department/update", "department_id", created.id(), "max_open_per_operator", "0"));
        assertThat(department(created.id()).path("max_open_per_operator").isNull()
                || department(created.id()).path("max_open_per_operator").isMissingNode()).isTrue();
        // A department created without saying is manual.
        assertThat(department(fx.department).get("assignment").asString()).isEqualTo("manual");
    }

    @Test
    void anOperatorIsOfflineUntilTheySayOtherwiseAndTheListShowsIt() {
        assertThat(listedAvailability(fx.operator)).isEqualTo("offline");
        ok(fx.tenant.writer().post("/operator/availability", "operator_id", fx.operator, "availability", "Away"));
        assertThat(listedAvailability(fx.operator)).isEqualTo("away");
        online(fx.operator);
        assertThat(listedAvailability(fx.operator)).isEqualTo("online");
    }

    @Test
    void rulesAssignOneTicketThroughTheFrontDoorEvenInAManualDepartment() throws Exception {
        String ticket = fx.openTicket();
        // Nobody online: nothing happens, and a manual department keeps no queue.
        assertThat(assignment.assignAutomatically(fx.tenant.accountId(), ticket)).isEmpty();

        online(fx.operator);
        String other = fx.openTicket();
        assertThat(assignment.assignAutomatically(fx.tenant.accountId(), other)).contains(fx.operator);
        assertThat(operatorOf(other)).isEqualTo(fx.operator);
        Thread.sleep(1000);
        assertThat(operatorOf(ticket)).isNull();
        // A ticket with an operator is left as it is.
        assertThat(assignment.assignAutomatically(fx.tenant.accountId(), other)).isEmpty();
    }

    @Test
    void aRuleAskingForATicketNobodyCanTakeInAnAutomaticDepartmentQueuesIt() {
        automatic("least_open");
        String ticket = fx.openTicket();
        assertThat(assignment.assignAutomatically(fx.tenant.accountId(), ticket)).isEmpty();
        online(fx.operator);
        awaitOperator(ticket, fx.operator);
    }

    @Test
    void badAssignmentValuesAreRefusedAndChangeNothing() {
        assertThat(fx.tenant.admin().post("/department/new", "name", "X", "assignment", "lottery").status()).isEqualTo(400);
        assertThat(fx.tenant.admin().post("/department/new", "name", "Y", "max_open_per_operator", "-1").status()).isEqualTo(400);
        assertThat(ok(fx.tenant.reader().get("/department/list", "show_nested_items", "0")).data()).hasSize(1);

        var badMode = fx.tenant.admin().post("/department/update", "department_id", fx.department, "assignment", "lottery",
                "name", "Renamed");
        assertThat(badMode.status()).isEqualTo(400);
        assertThat(badMode.message()).contains("assignment");
        assertThat(fx.tenant.admin().post("/department/update", "department_id", fx.department,
                "max_open_per_operator", "many").status()).isEqualTo(400);
        assertThat(fx.tenant.admin().post("/department/update", "department_id", fx.department,
                "max_open_per_operator", "10001").status()).isEqualTo(400);
        assertThat(fx.tenant.admin().post("/department/update", "department_id", fx.department).status()).isEqualTo(400);
        assertThat(fx.tenant.admin().post("/department/update", "department_id", "0".repeat(32), "assignment", "round_robin")
                .status()).isEqualTo(404);
        assertThat(department(fx.department).get("name").asString()).isEqualTo("Suporte");
        assertThat(department(fx.department).get("assignment").asString()).isEqualTo("manual");

        assertThat(fx.tenant.writer().post("/operator/availability", "operator_id", fx.operator, "availability", "busy").status())
                .isEqualTo(400);
        assertThat(fx.tenant.writer().post("/operator/availability", "operator_id", fx.operator).status()).isEqualTo(400);
        assertThat(fx.tenant.writer().post("/operator/availability", "availability", "online").status()).isEqualTo(400);
        assertThat(fx.tenant.writer().post("/operator/availability", "operator_id", "0".repeat(32), "availability", "online")
                .status()).isEqualTo(404);
        assertThat(fx.tenant.reader().post("/operator/availability", "operator_id", fx.operator, "availability", "online")
                .status()).isEqualTo(403);
        // A department's settings are the administrators'.
        assertThat(fx.tenant.writer().post("/department/update", "department_id", fx.department, "assignment", "round_robin")
                .status()).isEqualTo(403);
    }

    @Test
    void anotherAccountCannotTouchTheDepartmentOrTheOperators() {
        var other = tenants.create();
        assertThat(other.admin().post("/department/update", "department_id", fx.department, "assignment", "round_robin").status())
                .isEqualTo(404);
        assertThat(other.writer().post("/operator/availability", "operator_id", fx.operator, "availability", "online").status())
                .isEqualTo(404);
        assertThat(department(fx.department).get("assignment").asString()).isEqualTo("manual");

        // An operator online in another account takes none of this account's tickets.
        String stranger = ok(other.admin().post("/operator/new", "name", "Zé", "email", "ze@example.com")).id();
        ok(other.writer().post("/operator/availability", "operator_id", stranger, "availability", "online"));
        automatic("round_robin");
        String ticket = fx.openTicket();
        online(fx.operator);
        awaitOperator(ticket, fx.operator);
    }

    // --- who gets the ticket ------------------------------------------------------------------------------------

    @Test
    void roundRobinGivesTicketsToTheOperatorsOnlineInTurnAndTheHistorySaysWhoDidIt() {
        List<String> operators = sorted(fx.operator, fx.operator("Bia", "bia@example.com"), fx.operator("Caio", "caio@example.com"));
        operators.forEach(this::online);
        automatic("round_robin");

        List<String> assigned = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String ticket = fx.openTicket();
            assigned.add(awaitAnyOperator(ticket));
        }
        // Whoever the turn starts with, it goes through everyone before anyone gets a second ticket.
        int start = operators.indexOf(assigned.get(0));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            expected.add(operators.get((start + i) % 3));
        }
        assertThat(assigned).isEqualTo(expected);

        String ticket = fx.openTicket();
        awaitAnyOperator(ticket);
        var history = ok(fx.tenant.reader().get("/ticket/history", "ticket_id", ticket)).data();
        JsonNode link = null;
        for (JsonNode entry : history) {
            if (entry.get("field").asString().equals("operator")) {
                link = entry;
            }
        }
        assertThat(link).as(history.toString()).isNotNull();
        assertThat(link.get("actor").get("type").asString()).isEqualTo("assignment");
        assertThat(link.get("actor").get("name").asString()).isEqualTo("Automatic assignment");
    }

    @Test
    void leastOpenGivesTheTicketToTheOperatorWithTheFewestOpenTicketsOfTheDepartment() {
        String bia = fx.operator("Bia", "bia@example.com");
        // Ana already holds two open tickets of the department, Bia none.
        fx.linkedTicket();
        fx.linkedTicket();
        online(fx.operator);
        online(bia);
        automatic("least_open");

        assertThat(awaitAnyOperator(fx.openTicket())).isEqualTo(bia);
        assertThat(awaitAnyOperator(fx.openTicket())).isEqualTo(bia);
        // Two each now: the third goes to one of them and the fourth to the other.
        String third = awaitAnyOperator(fx.openTicket());
        String fourth = awaitAnyOperator(fx.openTicket());
        assertThat(List.of(third, fourth)).containsExactlyInAnyOrder(fx.operator, bia);
    }

    @Test
    void operatorsAwayOrOfflineAreSkippedAndTakeTurnsOnceOnline() {
        String bia = fx.operator("Bia", "bia@example.com");
        String caio = fx.operator("Caio", "caio@example.com");
        online(fx.operator);
        ok(fx.tenant.writer().post("/operator/availability", "operator_id", bia, "availability", "away"));
        ok(fx.tenant.writer().post("/operator/availability", "operator_id", caio, "availability", "offline"));
        automatic("round_robin");

        for (int i = 0; i < 3; i++) {
            assertThat(awaitAnyOperator(fx.openTicket())).isEqualTo(fx.operator);
        }
        online(bia);
        String next = awaitAnyOperator(fx.openTicket());
        String after = awaitAnyOperator(fx.openTicket());
        assertThat(List.of(next, after)).containsExactlyInAnyOrder(fx.operator, bia);
    }

    @Test
    void aDeactivatedOperatorGetsNothingEvenOnline() {
        String bia = fx.operator("Bia", "bia@example.com");
        online(fx.operator);
        online(bia);
        ok(fx.tenant.admin().post("/operator/update", "operator_id", bia, "active", "0"));
        automatic("round_robin");
        for (int i = 0; i < 3; i++) {
            assertThat(awaitAnyOperator(fx.openTicket())).isEqualTo(fx.operator);
        }
    }

    // --- waiting --------------------------------------------------------------------------------------------------

    @Test
    void aTicketNobodyCanTakeWaitsAndGoesToTheFirstOperatorToComeOnline() throws Exception {
        automatic("round_robin");
        String ticket = fx.openTicket();
        Thread.sleep(1000);
        assertThat(operatorOf(ticket)).isNull();

        online(fx.operator);
        awaitOperator(ticket, fx.operator);
    }

    @Test
    void theCapKeepsATicketWaitingUntilASlotFrees() throws Exception {
        online(fx.operator);
        ok(fx.tenant.admin().post("/department/update", "department_id", fx.department, "assignment", "round_robin",
                "max_open_per_operator", "1"));
        String first = fx.openTicket();
        awaitOperator(first, fx.operator);
        String second = fx.openTicket();
        String third = fx.openTicket();
        Thread.sleep(1000);
        assertThat(operatorOf(second)).isNull();
        assertThat(operatorOf(third)).isNull();

        ok(fx.tenant.writer().post("/ticket/finish", "ticket_id", first, "operator_id", fx.operator, "message", "Resolvido"));
        // First in, first out.
        awaitOperator(second, fx.operator);
        Thread.sleep(500);
        assertThat(operatorOf(third)).isNull();

        // Raising the cap lets the next one through.
        ok(fx.tenant.admin().post("/department/update", "department_id", fx.department, "max_open_per_operator", "2"));
        awaitOperator(third, fx.operator);
    }

    @Test
    void aTicketTransferredWithoutOperatorToADepartmentThatAssignsAutomaticallyIsAssigned() {
        String sales = ok(fx.tenant.admin().post("/department/new", "name", "Vendas", "assignment", "round_robin")).id();
        String bia = ok(fx.tenant.admin().post("/operator/new", "name", "Bia", "email", "bia@example.com")).id();
        ok(fx.tenant.admin().post("/department/operator/add", "department_id", sales, "operator_id", bia));
        online(bia);
        String ticket = fx.linkedTicket();

        ok(fx.tenant.writer().post("/ticket/transfer", "ticket_id", ticket, "department_id", sales));
        awaitOperator(ticket, bia);
    }

    @Test
    void aManualDepartmentIsLeftToItsOperators() throws Exception {
        online(fx.operator);
        String sales = ok(fx.tenant.admin().post("/department/new", "name", "Vendas", "assignment", "round_robin")).id();
        ok(fx.tenant.admin().post("/department/operator/add", "department_id", sales, "operator_id", fx.operator));

        String manual = fx.openTicket();
        String automatic = fx.openTicket("department_id", sales);
        awaitOperator(automatic, fx.operator);
        Thread.sleep(500);
        assertThat(operatorOf(manual)).isNull();

        // A department switched back to manual leaves its waiting tickets to the operators.
        ok(fx.tenant.writer().post("/operator/availability", "operator_id", fx.operator, "availability", "away"));
        String waiting = fx.openTicket("department_id", sales);
        ok(fx.tenant.admin().post("/department/update", "department_id", sales, "assignment", "manual"));
        online(fx.operator);
        Thread.sleep(1000);
        assertThat(operatorOf(waiting)).isNull();
    }

    // --- fairness -------------------------------------------------------------------------------------------------

    @Test
    void twoNodesAssigningFiftyTicketsAtOnceKeepTheCapAndTheTurns() throws Exception {
        List<String> operators = new ArrayList<>(List.of(fx.operator, fx.operator("Bia", "bia@example.com"),
                fx.operator("Caio", "caio@example.com"), fx.operator("Duda", "duda@example.com")));
        operators.forEach(this::online);
        ok(fx.tenant.admin().post("/department/update", "department_id", fx.department, "assignment", "round_robin",
                "max_open_per_operator", "13"));

        ExecutorService pool = Executors.newFixedThreadPool(12);
        try (var secondNode = TestNodes.start(environment.getRequiredProperty("spring.datasource.url"), List.of())) {
            var second = new ApiClient(TestNodes.port(secondNode), fx.tenant.writer().token());
            List<Callable<ApiResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String subject = "Pedido " + i;
                calls.add(i % 2 == 0 ? () -> fx.open("subject", subject)
                        : () -> second.post("/ticket/new", "customer_id", "c-1", "department_id", fx.department,
                                "subject", subject, "message", "Não imprime"));
            }
            List<String> tickets = new ArrayList<>();
            for (Future<ApiResponse> future : pool.invokeAll(calls)) {
                tickets.add(ok(future.get()).json().get("ticket_id").asString());
            }
            Map<String, Integer> perOperator = new HashMap<>();
            for (String ticket : tickets) {
                perOperator.merge(awaitAnyOperator(ticket), 1, Integer::sum);
            }
            // 50 tickets, 4 operators in turn: 13, 13, 12, 12; nobody beyond the cap of 13.
            assertThat(perOperator.keySet()).containsExactlyInAnyOrderElementsOf(operators);
            assertThat(perOperator.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(13));
            int most = perOperator.values().stream().max(Integer::compare).orElseThrow();
            int least = perOperator.values().stream().min(Integer::compare).orElseThrow();
            assertThat(most - least).as(perOperator.toString()).isLessThanOrEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoNodesNeverExceedTheCapWhenTicketsOutnumberTheSlots() throws Exception {
        String bia = fx.operator("Bia", "bia@example.com");
        online(fx.operator);
        online(bia);
        ok(fx.tenant.admin().post("/department/update", "department_id", fx.department, "assignment", "least_open",
                "max_open_per_operator", "5"));

        ExecutorService pool = Executors.newFixedThreadPool(12);
        try (var secondNode = TestNodes.start(environment.getRequiredProperty("spring.datasource.url"), List.of())) {
            var second = new ApiClient(TestNodes.port(secondNode), fx.tenant.writer().token());
            List<Callable<ApiResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(i % 2 == 0 ? fx::open
                        : () -> second.post("/ticket/new", "customer_id", "c-1", "department_id", fx.department,
                                "subject", "Pedido", "message", "Não imprime"));
            }
            List<String> tickets = new ArrayList<>();
            for (Future<ApiResponse> future : pool.invokeAll(calls)) {
                tickets.add(ok(future.get()).json().get("ticket_id").asString());
            }
            eventually(() -> tickets.stream().filter(ticket -> operatorOf(ticket) != null).count() == 10);
            Thread.sleep(1000);
            Map<String, Integer> perOperator = new HashMap<>();
            tickets.stream().map(this::operatorOf).filter(java.util.Objects::nonNull)
                    .forEach(operator -> perOperator.merge(operator, 1, Integer::sum));
            assertThat(perOperator).isEqualTo(Map.of(fx.operator, 5, bia, 5));
        } finally {
            pool.shutdownNow();
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private void automatic(String mode) {
        ok(fx.tenant.admin().post("/department/update", "department_id", fx.department, "assignment", mode));
    }

    private void online(String operator) {
        var response = ok(fx.tenant.writer().post("/operator/availability", "operator_id", operator, "availability", "online"));
        assertThat(response.data().get("availability").asString()).isEqualTo("online");
    }

    private String listedAvailability(String operator) {
        for (JsonNode item : ok(fx.tenant.reader().get("/operator/list")).data()) {
            if (item.get("id").asString().equals(operator)) {
                return item.get("availability").asString();
            }
        }
        throw new AssertionError("operator " + operator + " is not listed");
    }

    private JsonNode department(String id) {
        for (JsonNode item : ok(fx.tenant.reader().get("/department/list")).data()) {
            if (item.get("id").asString().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("department " + id + " is not listed");
    }

    private String operatorOf(String ticket) {
        JsonNode operator = fx.detail(ticket).data().path("operator");
        return operator.isMissingNode() || operator.isNull() || operator.path("id").isNull() || operator.path("id").isMissingNode()
                ? null : operator.get("id").asString();
    }

    private String awaitAnyOperator(String ticket) {
        String[] found = new String[1];
        eventually(() -> (found[0] = operatorOf(ticket)) != null);
        return found[0];
    }

    private void awaitOperator(String ticket, String operator) {
        eventually(() -> operator.equals(operatorOf(ticket)));
    }

    private static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + PATIENCE);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError(interrupted);
            }
        }
    }

    private static List<String> sorted(String... ids) {
        return java.util.Arrays.stream(ids).sorted().toList();
    }
}
