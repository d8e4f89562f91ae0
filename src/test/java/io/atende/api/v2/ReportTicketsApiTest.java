package io.atende.api.v2;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.atende.support.ApiResponse;
import io.atende.support.ApiTest;
import io.atende.support.MutableClock;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;

import tools.jackson.databind.JsonNode;

import static io.atende.api.v2.TicketFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/reports.md, The ticket report: the figures of a fixed history, computed by hand. The account is in
 * America/Sao_Paulo (UTC-3); its policy counts round the clock (60 minutes to the first reply, 240 to resolve).
 *
 * <pre>
 * 2026-03-02 (local)  09:00 T1 opened, linked to Ana       09:10 Ana replies (first reply 10 min, met)
 *                     09:10-09:30 waiting for the customer (paused)   10:00 T1 finished, 15 minutes of work
 *                     10:00 T1 evaluated 4, solved          10:00 T2 opened    11:30 Ana replies (90 min, missed)
 *                     11:30 T2 transferred to Vendas        12:00 T3 opened    12:05 T3 cancelled
 *                     22:30 T4 opened (already 2026-03-03 in UTC)
 *                     12:05 chat C1 queued, 12:09 accepted by Ana, 12:19 finished, evaluated 5
 *                     12:19 chat C2 queued, 12:25 accepted by Ana, 12:45 finished    12:45 chat C3 queued, still waiting
 * 2026-03-03 (local)  10:00 T1 reopened (its evaluation cleared)   10:30 T1 finished again   10:30 evaluated 2, not solved
 * </pre>
 * T1's resolution: 2026-03-02 09:00 to 2026-03-03 10:30 is 1530 minutes, less the 20 paused: 1510; its SLA counts the
 * cycle since the reopening, 30 minutes, within its 240.
 */
@ApiTest
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportTicketsApiTest {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T12:00:00Z"));

    @Autowired
    TestTenants tenants;

    Tenant tenant;
    TicketFixture fx;
    String sales;

    @BeforeAll
    void history() {
        tenant = tenants.create();
        fx = new TicketFixture(tenant);
        sales = ok(tenant.admin().post("/department/new", "name", "Vendas")).id();
        ok(tenant.admin().post("/sla/new", "name", "Padrão", "first_reply_minutes", "60", "resolution_minutes", "240"));

        String t1 = fx.linkedTicket();
        advance(10);
        ok(tenant.writer().post("/ticket/reply/operator", "ticket_id", t1, "message", "Verifico já"));
        advance(20);
        ok(tenant.writer().post("/ticket/reply/customer", "ticket_id", t1, "message", "Continua"));
        advance(30);
        ok(tenant.writer().post("/ticket/finish", "ticket_id", t1, "message", "Resolvido", "time_work", "15"));
        ok(tenant.writer().post("/ticket/evaluation", "ticket_id", t1, "grade", "4", "problem_solved", "Y"));
        String t2 = fx.linkedTicket();
        advance(90);
        ok(tenant.writer().post("/ticket/reply/operator", "ticket_id", t2, "message", "Vejo com vendas"));
        ok(tenant.writer().post("/ticket/transfer", "ticket_id", t2, "department_id", sales));
        advance(30);
        String t3 = fx.openTicket();
        advance(5);
        ok(tenant.writer().post("/ticket/cancel", "ticket_id", t3, "message", "Duplicado"));
        String c1 = chat();
        advance(4);
        ok(tenant.writer().post("/chat/accept", "chat_id", c1, "operator_id", fx.operator));
        advance(10);
        ok(tenant.writer().post("/chat/finish", "chat_id", c1));
        ok(tenant.writer().post("/chat/evaluation", "chat_id", c1, "grade", "5"));
        String c2 = chat();
        advance(6);
        ok(tenant.writer().post("/chat/accept", "chat_id", c2, "operator_id", fx.operator));
        advance(20);
        ok(tenant.writer().post("/chat/finish", "chat_id", c2));
        chat();
        CLOCK.advance(Duration.between(CLOCK.instant(), Instant.parse("2026-03-03T01:30:00Z")));
        fx.openTicket();
        CLOCK.advance(Duration.between(CLOCK.instant(), Instant.parse("2026-03-03T13:00:00Z")));
        ok(tenant.writer().post("/ticket/reopen", "ticket_id", t1, "message", "Voltou"));
        advance(30);
        ok(tenant.writer().post("/ticket/finish", "ticket_id", t1, "message", "Agora sim"));
        ok(tenant.writer().post("/ticket/evaluation", "ticket_id", t1, "grade", "2", "problem_solved", "N"));
    }

    String chat() {
        return ok(tenant.writer().post("/chat/new", "customer_id", fx.customer, "customer_id_type", "I", "department_id",
                fx.department, "message", "Olá")).id();
    }

    static void advance(int minutes) {
        CLOCK.advance(Duration.ofMinutes(minutes));
    }

    JsonNode report(String... params) {
        return ok(tenant.reader().get("/report/tickets", params)).data();
    }

    JsonNode reportAt(String path, String... params) {
        return ok(tenant.reader().get(path, params)).data();
    }

    @Test
    void eachDayCountsWhatHappenedOnItInTheAccountsTimeZoneAndTheBacklogAtItsEnd() {
        var data = report("from", "2026-03-02", "to", "2026-03-03", "group_by", "day");
        assertThat(data.get("group_by").asString()).isEqualTo("day");
        var rows = data.get("rows");
        assertThat(rows).hasSize(2);

        var first = rows.get(0);
        assertThat(first.get("group").asString()).isEqualTo("2026-03-02");
        assertThat(first.get("created").asLong()).as("T4 opened at 22:30 local, 01:30 UTC the next day").isEqualTo(4);
        assertThat(first.get("finished").asLong()).isEqualTo(1);
        assertThat(first.get("cancelled").asLong()).isEqualTo(1);
        assertThat(first.get("reopened").asLong()).isZero();
        assertThat(first.get("backlog").asLong()).as("T2 and T4").isEqualTo(2);
        assertThat(first.get("first_reply_median_minutes").asDouble()).isEqualTo(50.0);
        assertThat(first.get("first_reply_p90_minutes").asDouble()).as("10 + 0.9 x (90 - 10)").isEqualTo(82.0);
        assertThat(first.get("sla_first_reply_met_percent").asDouble()).isEqualTo(50.0);
        assertThat(first.get("resolution_median_minutes").isNull()).as("reopening took T1's resolution back").isTrue();
        assertThat(first.get("sla_resolution_met_percent").isNull()).isTrue();
        assertThat(first.get("evaluations").asLong()).as("reopening cleared the evaluation").isZero();
        assertThat(first.get("evaluation_average").isNull()).isTrue();

        var second = rows.get(1);
        assertThat(second.get("group").asString()).isEqualTo("2026-03-03");
        assertThat(second.get("created").asLong()).isZero();
        assertThat(second.get("finished").asLong()).isEqualTo(1);
        assertThat(second.get("reopened").asLong()).isEqualTo(1);
        assertThat(second.get("backlog").asLong()).isEqualTo(2);
        assertThat(second.get("first_reply_median_minutes").isNull()).isTrue();
        assertThat(second.get("resolution_median_minutes").asDouble()).as("1530 minutes less 20 paused").isEqualTo(1510.0);
        assertThat(second.get("resolution_p90_minutes").asDouble()).isEqualTo(1510.0);
        assertThat(second.get("sla_resolution_met_percent").asDouble())
                .as("the SLA's verdict: reopening started a new resolution cycle, met in 30 minutes").isEqualTo(100.0);
        assertThat(second.get("evaluations").asLong()).isEqualTo(1);
        assertThat(second.get("evaluation_average").asDouble()).isEqualTo(2.0);
        assertThat(second.get("solved_percent").asDouble()).isEqualTo(0.0);
        assertThat(second.get("work_minutes").asLong()).as("work added on finishing counts on the last finish").isEqualTo(15);

        var total = data.get("total");
        assertThat(total.get("created").asLong()).isEqualTo(4);
        assertThat(total.get("finished").asLong()).isEqualTo(2);
        assertThat(total.get("cancelled").asLong()).isEqualTo(1);
        assertThat(total.get("reopened").asLong()).isEqualTo(1);
        assertThat(total.get("backlog").asLong()).isEqualTo(2);
        assertThat(total.get("first_reply_median_minutes").asDouble()).isEqualTo(50.0);
        assertThat(total.get("resolution_median_minutes").asDouble()).isEqualTo(1510.0);
        assertThat(total.get("work_minutes").asLong()).isEqualTo(15);
    }

    @Test
    void aMergedTicketCountsAsMergedNotAsAResolution() {
        var other = tenants.create();
        var fixture = new TicketFixture(other);
        CLOCK.advance(Duration.between(CLOCK.instant(), Instant.parse("2026-03-10T12:00:00Z")));
        String kept = fixture.linkedTicket();
        advance(30);
        String duplicate = fixture.openTicket();
        advance(30);
        ok(other.writer().post("/ticket/merge", "ticket_id", duplicate, "into_ticket_id", kept));

        var day = ok(other.reader().get("/report/tickets", "from", "2026-03-10", "to", "2026-03-10")).data().get("total");
        assertThat(day.get("created").asLong()).isEqualTo(2);
        assertThat(day.get("merged").asLong()).isEqualTo(1);
        assertThat(day.get("finished").asLong()).isZero();
        assertThat(day.get("resolution_median_minutes").isNull()).as("a merge resolves nothing").isTrue();
        assertThat(day.get("backlog").asLong()).as("the ticket it was merged into").isEqualTo(1);
    }

    @Test
    void theSecondDayAloneStartsFromTheBacklogTheFirstLeft() {
        var data = report("from", "2026-03-03", "to", "2026-03-03");
        var day = data.get("rows").get(0);
        assertThat(day.get("created").asLong()).as("T4 belongs to the day before in the account's zone").isZero();
        assertThat(day.get("backlog").asLong()).isEqualTo(2);
        assertThat(data.get("total").get("created").asLong()).isZero();
    }

    @Test
    void weeksAndMonthsAreNamedByTheirFirstDay() {
        var weeks = report("from", "2026-03-02", "to", "2026-03-03", "group_by", "week").get("rows");
        assertThat(weeks).hasSize(1);
        assertThat(weeks.get(0).get("group").asString()).isEqualTo("2026-03-02");
        assertThat(weeks.get(0).get("created").asLong()).isEqualTo(4);
        var months = report("from", "2026-02-20", "to", "2026-03-03", "group_by", "month").get("rows");
        assertThat(months).hasSize(2);
        assertThat(months.get(0).get("group").asString()).isEqualTo("2026-02-01");
        assertThat(months.get(0).get("created").asLong()).isZero();
        assertThat(months.get(1).get("group").asString()).isEqualTo("2026-03-01");
        assertThat(months.get(1).get("finished").asLong()).isEqualTo(2);
    }

    @Test
    void byDepartmentATransferredTicketCountsWhereItIsNow() {
        var rows = report("from", "2026-03-02", "to", "2026-03-03", "group_by", "department").get("rows");
        assertThat(rows).hasSize(2);
        var support = rows.get(0);
        assertThat(support.get("name").asString()).isEqualTo("Suporte");
        assertThat(support.get("group").asString()).isEqualTo(fx.department);
        assertThat(support.get("created").asLong()).isEqualTo(3);
        assertThat(support.get("backlog").asLong()).isEqualTo(1);
        assertThat(support.get("first_reply_median_minutes").asDouble()).isEqualTo(10.0);
        var salesRow = rows.get(1);
        assertThat(salesRow.get("name").asString()).isEqualTo("Vendas");
        assertThat(salesRow.get("created").asLong()).isEqualTo(1);
        assertThat(salesRow.get("backlog").asLong()).isEqualTo(1);
        assertThat(salesRow.get("sla_first_reply_met_percent").asDouble()).isEqualTo(0.0);

        var filtered = report("from", "2026-03-02", "to", "2026-03-03", "department_id", sales).get("total");
        assertThat(filtered.get("created").asLong()).isEqualTo(1);
        assertThat(filtered.get("first_reply_median_minutes").asDouble()).isEqualTo(90.0);
    }

    @Test
    void byOperatorAndByChannel() {
        var operators = report("from", "2026-03-02", "to", "2026-03-03", "group_by", "operator").get("rows");
        assertThat(operators).hasSize(2);
        assertThat(operators.get(0).get("group").asString()).as("tickets nobody is linked to come first").isEmpty();
        assertThat(operators.get(0).get("created").asLong()).as("T3, T4, and T2 since its transfer").isEqualTo(3);
        assertThat(operators.get(1).get("name").asString()).isEqualTo("Ana");
        assertThat(operators.get(1).get("created").asLong()).isEqualTo(1);

        var channels = report("from", "2026-03-02", "to", "2026-03-03", "group_by", "channel").get("rows");
        assertThat(channels).hasSize(1);
        assertThat(channels.get(0).get("group").asString()).isEqualTo("API");
        assertThat(report("from", "2026-03-02", "to", "2026-03-03", "channel", "email").get("total").get("created").asLong())
                .isZero();
    }

    @Test
    void theOperatorReportHasARowPerOperatorWithActivity() {
        var rows = reportAt("/report/operators", "from", "2026-03-02", "to", "2026-03-03").get("rows");
        assertThat(rows).hasSize(1);
        var ana = rows.get(0);
        assertThat(ana.get("group").asString()).isEqualTo(fx.operator);
        assertThat(ana.get("name").asString()).isEqualTo("Ana");
        assertThat(ana.get("tickets_handled").asLong()).as("T1 and T2").isEqualTo(2);
        assertThat(ana.get("replies").asLong()).isEqualTo(2);
        assertThat(ana.get("finished").asLong()).as("T1 twice").isEqualTo(2);
        assertThat(ana.get("first_reply_median_minutes").asDouble()).as("T1 only: T2 left her on its transfer").isEqualTo(10.0);
        assertThat(ana.get("resolution_median_minutes").asDouble()).isEqualTo(1510.0);
        assertThat(ana.get("evaluations").asLong()).isEqualTo(1);
        assertThat(ana.get("evaluation_average").asDouble()).isEqualTo(2.0);
        assertThat(ana.get("work_minutes").asLong()).isEqualTo(15);
        assertThat(ana.get("chats_accepted").asLong()).isEqualTo(2);
        assertThat(reportAt("/report/operators", "from", "2026-03-03", "to", "2026-03-03").get("rows").get(0)
                .get("replies").asLong()).isZero();
        assertThat(reportAt("/report/operators", "from", "2026-03-02", "to", "2026-03-03", "operator_id", "nobody")
                .get("rows")).isEmpty();
    }

    @Test
    void theChatReportCountsTheChatsQueuedInThePeriod() {
        var data = reportAt("/report/chats", "from", "2026-03-02", "to", "2026-03-03");
        var first = data.get("rows").get(0);
        assertThat(first.get("queued").asLong()).isEqualTo(3);
        assertThat(first.get("accepted").asLong()).isEqualTo(2);
        assertThat(first.get("abandoned").asLong()).isZero();
        assertThat(first.get("wait_median_minutes").asDouble()).isEqualTo(5.0);
        assertThat(first.get("wait_p90_minutes").asDouble()).isEqualTo(5.8);
        assertThat(first.get("duration_median_minutes").asDouble()).isEqualTo(15.0);
        assertThat(first.get("duration_p90_minutes").asDouble()).isEqualTo(19.0);
        assertThat(first.get("evaluations").asLong()).isEqualTo(1);
        assertThat(first.get("evaluation_average").asDouble()).isEqualTo(5.0);
        assertThat(data.get("rows").get(1).get("queued").asLong()).isZero();
        assertThat(data.get("total").get("queued").asLong()).isEqualTo(3);

        var byOperator = reportAt("/report/chats", "from", "2026-03-02", "to", "2026-03-03", "group_by", "operator").get("rows");
        assertThat(byOperator).hasSize(2);
        assertThat(byOperator.get(0).get("group").asString()).as("C3, waiting").isEmpty();
        assertThat(byOperator.get(1).get("name").asString()).isEqualTo("Ana");
        assertThat(byOperator.get(1).get("accepted").asLong()).isEqualTo(2);

        var refused = tenant.reader().get("/report/chats", "group_by", "category");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.message()).contains("category");
        var csv = tenant.reader().get("/report/chats", "from", "2026-03-02", "to", "2026-03-03", "format", "csv").text();
        assertThat(csv.lines().toList()).containsExactly(
                "group,name,queued,accepted,abandoned,wait_median_minutes,wait_p90_minutes,duration_median_minutes,"
                        + "duration_p90_minutes,evaluations,evaluation_average",
                "2026-03-02,2026-03-02,3,2,0,5.0,5.8,15.0,19.0,1,5.0",
                "2026-03-03,2026-03-03,0,0,0,,,,,0,",
                "total,,3,2,0,5.0,5.8,15.0,19.0,1,5.0");
    }

    @Test
    void anEmptyPeriodHasARowPerDayWithNothingInIt() {
        var data = report("from", "2026-02-01", "to", "2026-02-10");
        assertThat(data.get("rows")).hasSize(10);
        for (JsonNode row : data.get("rows")) {
            assertThat(row.get("created").asLong()).isZero();
            assertThat(row.get("backlog").asLong()).isZero();
            assertThat(row.get("first_reply_median_minutes").isNull()).isTrue();
            assertThat(row.get("evaluation_average").isNull()).isTrue();
        }
        assertThat(data.get("total").get("evaluations").asLong()).isZero();
    }

    @Test
    void theCsvHoldsTheSameCellsAsTheJsonWithTheTotalLast() {
        for (String grouping : List.of("day", "department", "operator")) {
            var json = report("from", "2026-03-02", "to", "2026-03-03", "group_by", grouping);
            ApiResponse csv = tenant.reader().get("/report/tickets", "from", "2026-03-02", "to", "2026-03-03", "group_by",
                    grouping, "format", "csv");
            assertThat(csv.status()).isEqualTo(200);
            assertThat(csv.header("Content-Type")).startsWith("text/csv");
            List<String> lines = csv.text().lines().toList();
            List<String> columns = List.of(lines.get(0).split(",", -1));
            assertThat(columns.subList(0, 3)).containsExactly("group", "name", "created");
            List<JsonNode> expected = new ArrayList<>();
            json.get("rows").forEach(expected::add);
            expected.add(json.get("total"));
            assertThat(lines).hasSize(expected.size() + 1);
            for (int i = 0; i < expected.size(); i++) {
                String[] cells = lines.get(i + 1).split(",", -1);
                for (int c = 2; c < columns.size(); c++) {
                    JsonNode value = expected.get(i).get(columns.get(c));
                    String text = value == null || value.isNull() ? "" : value.isIntegralNumber() ? String.valueOf(value.asLong())
                            : String.valueOf(value.asDouble());
                    assertThat(cells[c]).as(grouping + " line " + (i + 1) + " " + columns.get(c)).isEqualTo(text);
                }
            }
            assertThat(lines.get(lines.size() - 1)).startsWith("total,");
        }
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        var badDay = tenant.reader().get("/report/tickets", "from", "2026-02-30");
        assertThat(badDay.status()).isEqualTo(400);
        assertThat(badDay.message()).contains("from");
        var reversed = tenant.reader().get("/report/tickets", "from", "2026-03-05", "to", "2026-03-01");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.message()).contains("from").contains("to");
        assertThat(tenant.reader().get("/report/tickets", "from", "2020-01-01", "to", "2026-03-01").status()).isEqualTo(400);
        var grouping = tenant.reader().get("/report/tickets", "group_by", "year");
        assertThat(grouping.status()).isEqualTo(400);
        assertThat(grouping.message()).contains("group_by");
        assertThat(tenant.reader().get("/report/tickets", "format", "xml").status()).isEqualTo(400);
        assertThat(tenant.reader().get("/report/tickets", "channel", "fax").status()).isEqualTo(400);
    }

    @Test
    void anyTokenOfTheAccountReadsItsOwnReportsAndNoOneElses() {
        var others = tenants.create();
        assertThat(ok(others.reader().get("/report/operators", "from", "2026-03-02", "to", "2026-03-03")).data().get("rows")).isEmpty();
        assertThat(ok(others.reader().get("/report/chats", "from", "2026-03-02", "to", "2026-03-03")).data().get("total")
                .get("queued").asLong()).isZero();
        assertThat(tenant.writer().get("/report/tickets", "from", "2026-03-02", "to", "2026-03-03").status()).isEqualTo(200);
        var other = tenants.create();
        var theirs = ok(other.reader().get("/report/tickets", "from", "2026-03-02", "to", "2026-03-03")).data();
        assertThat(theirs.get("total").get("created").asLong()).isZero();
        assertThat(ok(other.reader().get("/report/tickets", "from", "2026-03-02", "to", "2026-03-03", "group_by", "department"))
                .data().get("rows")).isEmpty();
        assertThat(ok(other.reader().get("/report/tickets", "from", "2026-03-02", "to", "2026-03-03", "department_id",
                fx.department)).data().get("total").get("created").asLong()).isZero();
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
