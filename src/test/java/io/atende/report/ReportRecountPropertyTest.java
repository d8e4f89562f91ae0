package io.atende.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.atende.support.ApiResponse;
import io.atende.support.ApiTest;
import io.atende.support.MutableClock;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/reports.md, How the figures are kept: after a random history of tickets (replies both ways, transfers, pausing
 * statuses, finishes with work, evaluations, cancellations, reopenings, merges, days passing), the facts kept change by change
 * are exactly those a full recount (asked for through the API, done by the background job) computes from the tickets,
 * the per-day rollups kept change by change are exactly those the facts add up to, and so is every report read from
 * them, whether it reads the rollups or the facts.
 */
@ApiTest
@DirtiesContext
class ReportRecountPropertyTest {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-05-04T10:00:00Z"));

    @Autowired
    TestTenants tenants;

    @Autowired
    ReportManagement reports;

    @Autowired
    TicketFactRepository facts;

    @Autowired
    TicketRollups rollups;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void theFactsKeptChangeByChangeEqualAFullRecount(long seed) {
        var random = new Random(seed);
        Tenant tenant = tenants.create();
        var admin = tenant.admin();
        var writer = tenant.writer();
        List<String> departments = List.of(ok(admin.post("/department/new", "name", "Suporte")).id(),
                ok(admin.post("/department/new", "name", "Vendas")).id());
        List<String> operators = new ArrayList<>();
        for (String name : List.of("Ana", "Bruno")) {
            String id = ok(admin.post("/operator/new", "name", name, "email", name.toLowerCase() + seed + "@example.com")).id();
            for (String department : departments) {
                ok(admin.post("/department/operator/add", "department_id", department, "operator_id", id));
            }
            operators.add(id);
        }
        String category = ok(admin.post("/department/category/new", "department_id", departments.get(0), "name", "Hardware")).id();
        ok(admin.post("/sla/new", "name", "Padrão", "first_reply_minutes", "45", "resolution_minutes", "300"));
        String waiting = ok(writer.post("/status/new", "name", "Fornecedor " + seed, "pauses_sla", "1")).id();
        ok(writer.post("/customer/new", "customer_id", "c-1", "name", "Carla", "email", "carla" + seed + "@example.com"));

        List<String> tickets = new ArrayList<>();
        for (int step = 0; step < 120; step++) {
            CLOCK.advance(Duration.ofMinutes(random.nextInt(random.nextInt(10) == 0 ? 2000 : 90)));
            if (tickets.isEmpty() || random.nextInt(5) == 0) {
                String department = departments.get(random.nextInt(2));
                var opened = department.equals(departments.get(0)) && random.nextBoolean()
                        ? writer.post("/ticket/new", "customer_id", "c-1", "department_id", department, "subject", "S",
                        "message", "M", "category_id", category)
                        : writer.post("/ticket/new", "customer_id", "c-1", "department_id", department, "subject", "S",
                        "message", "M");
                tickets.add(ok(opened).json().get("ticket_id").asString());
                continue;
            }
            String ticket = tickets.get(random.nextInt(tickets.size()));
            // Any of these may be refused in the ticket's state (finishing a cancelled ticket, say); a refusal changes
            // nothing, which the comparison checks as well.
            switch (random.nextInt(11)) {
                case 0 -> writer.post("/ticket/operator/link", "ticket_id", ticket, "operator_id", operators.get(random.nextInt(2)));
                case 1, 2 -> writer.post("/ticket/reply/operator", "ticket_id", ticket, "message", "R");
                case 3 -> writer.post("/ticket/reply/customer", "ticket_id", ticket, "message", "C");
                case 4 -> writer.post("/ticket/transfer", "ticket_id", ticket, "department_id", departments.get(random.nextInt(2)));
                case 5 -> writer.post("/ticket/finish", "ticket_id", ticket, "message", "F", "time_work",
                        String.valueOf(random.nextInt(30)));
                case 6 -> writer.post("/ticket/evaluation", "ticket_id", ticket, "grade", String.valueOf(1 + random.nextInt(5)),
                        "problem_solved", random.nextBoolean() ? "Y" : "N");
                case 7 -> writer.post("/ticket/cancel", "ticket_id", ticket, "message", "X");
                case 8 -> writer.post("/ticket/reopen", "ticket_id", ticket, "message", "O");
                case 9 -> writer.post("/ticket/merge", "ticket_id", ticket, "into_ticket_id", tickets.get(random.nextInt(tickets.size())));
                default -> {
                    if (random.nextBoolean()) {
                        writer.post("/ticket/status/open", "ticket_id", ticket, "status_id", waiting);
                    } else {
                        writer.post("/ticket/status/close", "ticket_id", ticket);
                    }
                }
            }
        }

        String account = tenant.accountId();
        var from = CLOCK.instant().minus(Duration.ofDays(40)).atZone(java.time.ZoneId.of("America/Sao_Paulo")).toLocalDate();
        var to = CLOCK.instant().atZone(java.time.ZoneId.of("America/Sao_Paulo")).toLocalDate();
        List<String> kept = facts.dump(account);
        List<String> keptRollups = rollups.dump(account);
        List<List<List<Object>>> keptReports = new ArrayList<>();
        for (var query : queries(from, to, departments.get(0), operators.get(0))) {
            keptReports.add(reports.tickets(account, query).table().rows());
        }
        assertThat(kept).isNotEmpty();
        assertThat(keptRollups).isEqualTo(rollups.recounted(account));

        ok(admin.post("/report/recount"));
        awaitRecount(admin);

        assertThat(facts.dump(account)).isEqualTo(kept);
        assertThat(rollups.dump(account)).isEqualTo(keptRollups);
        var queries = queries(from, to, departments.get(0), operators.get(0));
        for (int index = 0; index < queries.size(); index++) {
            assertThat(reports.tickets(account, queries.get(index)).table().rows())
                    .as(queries.get(index).toString()).isEqualTo(keptReports.get(index));
        }
        // A report the rollups answer equals the same report read from the facts: a department's rows filtered by
        // department (rollup) against the same rows filtered by department and by channel API, which every ticket here
        // has (facts).
        for (var grouping : List.of(ReportGrouping.DAY, ReportGrouping.MONTH, ReportGrouping.DEPARTMENT)) {
            var rolled = reports.tickets(account, new ReportQuery(from, to, grouping, departments.get(0), null, null, null));
            var read = reports.tickets(account, new ReportQuery(from, to, grouping, departments.get(0), null, null, "API"));
            assertThat(rolled.table().rows()).as(grouping.name()).isEqualTo(read.table().rows());
        }
        // And the daily backlog adds up: each day's equals the previous one's plus what opened less what closed.
        var days = reports.tickets(account, new ReportQuery(from, to, ReportGrouping.DAY, null, null, null, null));
        var total = days.total();
        assertThat(total.finished() + total.merged()).as("a history with something to count").isPositive();
        assertThat(total.firstReplyMedianMinutes()).isNotNull();
        assertThat(days.rows().get(days.rows().size() - 1).figures().backlog()).isEqualTo(total.backlog());
        assertThat(days.rows().stream().mapToLong(row -> row.figures().created()).sum()).isEqualTo(total.created());
    }

    /** Every grouping without filters, and each with one filter (department, operator, channel). */
    static List<ReportQuery> queries(java.time.LocalDate from, java.time.LocalDate to, String department, String operator) {
        List<ReportQuery> queries = new ArrayList<>();
        for (var grouping : ReportGrouping.values()) {
            queries.add(new ReportQuery(from, to, grouping, null, null, null, null));
            queries.add(new ReportQuery(from, to, grouping, department, null, null, null));
            queries.add(new ReportQuery(from, to, grouping, null, operator, null, null));
            queries.add(new ReportQuery(from, to, grouping, null, null, null, "API"));
        }
        return queries;
    }

    /** Waits until the account's recount is done (GET /report/recount says nothing is pending). */
    static void awaitRecount(io.atende.support.ApiClient admin) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (ok(admin.get("/report/recount")).data().get("pending").asBoolean()) {
            assertThat(System.nanoTime()).as("the recount finished within a minute").isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }
    }

    static ApiResponse ok(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response;
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class MovableClock {

        @Bean
        @Primary
        Clock movableClock() {
            return CLOCK;
        }
    }
}
