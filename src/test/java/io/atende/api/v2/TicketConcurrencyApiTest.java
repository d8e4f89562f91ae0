package io.atende.api.v2;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import io.atende.support.ApiClient;
import io.atende.support.ApiResponse;
import io.atende.support.ApiTest;
import io.atende.support.TestNodes;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import static io.atende.api.v2.TicketFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The concurrency guarantees: protocols, links and replies under simultaneous requests, on
 * one node and (protocols) across two nodes on one database.
 */
@ApiTest
class TicketConcurrencyApiTest {

    @Autowired
    TestTenants tenants;

    @Autowired
    Environment environment;

    TicketFixture fx;
    ExecutorService pool;

    @BeforeEach
    void setUp() {
        fx = new TicketFixture(tenants.create());
        pool = Executors.newFixedThreadPool(16);
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    private List<ApiResponse> all(List<Callable<ApiResponse>> calls) throws Exception {
        List<Future<ApiResponse>> futures = pool.invokeAll(calls);
        List<ApiResponse> responses = new ArrayList<>();
        for (var future : futures) {
            responses.add(future.get());
        }
        return responses;
    }

    @Test
    void fiftyConcurrentTicketsGetFiftyDistinctConsecutiveProtocols() throws Exception {
        List<Callable<ApiResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(fx::open);
        }
        Set<Long> protocols = new HashSet<>();
        for (var response : all(calls)) {
            protocols.add(ok(response).json().get("protocol").asLong());
        }
        assertThat(protocols).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 50).boxed().toList());
    }

    @Test
    void ticketsOpenedAtOnceThroughTwoNodesOnOneDatabaseGetDistinctConsecutiveProtocols() throws Exception {
        try (var secondNode = TestNodes.start(environment.getRequiredProperty("spring.datasource.url"), List.of())) {
            var second = new ApiClient(TestNodes.port(secondNode), fx.tenant.writer().token());
            List<Callable<ApiResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String subject = "Pedido " + i;
                calls.add(i % 2 == 0 ? () -> fx.open("subject", subject)
                        : () -> second.post("/ticket/new", "customer_id", "c-1", "department_id", fx.department,
                                "subject", subject, "message", "Não imprime"));
            }
            Set<Long> protocols = new HashSet<>();
            for (var response : all(calls)) {
                protocols.add(ok(response).json().get("protocol").asLong());
            }
            assertThat(protocols).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 40).boxed().toList());
        }
    }

    @Test
    void twoConcurrentLinksLetExactlyOneWin() throws Exception {
        String ticket = fx.openTicket();
        String bia = fx.operator("Bia", "bia@example.com");

        var responses = all(List.of(
                () -> fx.tenant.writer().post("/ticket/operator/link", "ticket_id", ticket, "operator_id", fx.operator),
                () -> fx.tenant.writer().post("/ticket/operator/link", "ticket_id", ticket, "operator_id", bia)));

        assertThat(responses).extracting(ApiResponse::status).containsExactlyInAnyOrder(200, 409);
        String winner = responses.get(0).status() == 200 ? fx.operator : bia;
        assertThat(fx.detail(ticket).data().get("operator").get("id").asString()).isEqualTo(winner);
    }

    @Test
    void aHundredConcurrentRepliesAreAllStoredInOneOrder() throws Exception {
        String ticket = fx.openTicket();
        List<Callable<ApiResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String text = "reply " + i;
            calls.add(() -> fx.tenant.writer().post("/ticket/reply/customer", "ticket_id", ticket, "message", text));
        }
        List<String> ids = new ArrayList<>();
        for (var response : all(calls)) {
            ids.add(ok(response).id());
        }

        var replies = fx.detail(ticket).data().get("replies");
        assertThat(replies).hasSize(101);
        List<String> shown = new ArrayList<>();
        String previousDate = "";
        for (int i = 1; i < replies.size(); i++) {
            shown.add(replies.get(i).get("id").asString());
            String date = replies.get(i).get("date").asString();
            assertThat(date).isGreaterThanOrEqualTo(previousDate);
            previousDate = date;
        }
        assertThat(shown).containsExactlyInAnyOrderElementsOf(ids);
        // The order is stable: a second look shows the same sequence.
        List<String> again = new ArrayList<>();
        fx.detail(ticket).data().get("replies").forEach(reply -> again.add(reply.get("id").asString()));
        assertThat(again.subList(1, again.size())).isEqualTo(shown);
    }
}
