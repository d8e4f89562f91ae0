package io.atende.api.v2;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import io.atende.support.ApiClient;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import static io.atende.api.v2.TicketFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/reports.md, Recounts: tickets whose facts predate the reports (an upgrade) appear in the reports once the
 * background job has computed them; an administrator may ask for a full recount; moving the account to another time
 * zone re-dates every figure.
 */
@ApiTest
class ReportRecountApiTest {

    private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

    @Autowired
    TestTenants tenants;

    @Autowired
    JdbcClient jdbc;

    @Test
    void ticketsWithoutFactsAppearInTheReportsOnceTheUpgradeBackfillHasRun() {
        Tenant tenant = tenants.create();
        Tenant other = tenants.create();
        history(tenant);
        history(other);
        JsonNode before = week(tenant);
        assertThat(before.get("total").get("created").asLong()).isEqualTo(3);
        assertThat(before.get("total").get("finished").asLong()).isEqualTo(1);
        JsonNode otherBefore = week(other);

        // What an upgrade finds: tickets from before the facts were kept, and its account listed for the backfill.
        forgetFacts(tenant.accountId());
        forgetFacts(other.accountId());
        jdbc.sql("""
                insert into report_backfill (account_id, full_recount, ticket_after, chat_after, requested_at, generation)
                values (:account, false, '', '', current_timestamp, 1)""").param("account", tenant.accountId()).update();
        assertThat(week(tenant).get("total").get("created").asLong()).isZero();

        awaitRecount(tenant.admin());

        assertThat(week(tenant)).isEqualTo(before);
        assertThat(week(other).get("total").get("created").asLong()).as("another account's tickets are left alone").isZero();

        ok(other.admin().post("/report/recount"));
        awaitRecount(other.admin());
        assertThat(week(other)).isEqualTo(otherBefore);
    }

    @Test
    void aFullRecountIsForAdministratorsAndChangesNothingThatWasRight() {
        Tenant tenant = tenants.create();
        history(tenant);
        JsonNode before = week(tenant);

        assertThat(tenant.writer().post("/report/recount").status()).isEqualTo(403);
        assertThat(tenant.reader().get("/report/recount").status()).isEqualTo(403);
        assertThat(tenant.anonymous().post("/report/recount").status()).isEqualTo(401);
        var requested = ok(tenant.admin().post("/report/recount")).data();
        assertThat(requested.has("pending")).isTrue();
        awaitRecount(tenant.admin());

        assertThat(ok(tenant.admin().get("/report/recount")).data().get("pending").asBoolean()).isFalse();
        assertThat(week(tenant)).isEqualTo(before);
    }

    @Test
    void movingTheAccountToAnotherTimeZoneReDatesItsFigures() {
        // Pago Pago (UTC-11) and Kiritimati (UTC+14) are 25 hours apart: a ticket's day always differs between them.
        Tenant tenant = tenants.create();
        ok(tenant.admin().post("/account/update", "time_zone", "Pacific/Pago_Pago"));
        awaitRecount(tenant.admin());
        LocalDate pagoPago = LocalDate.now(ZoneId.of("Pacific/Pago_Pago"));
        LocalDate kiritimati = LocalDate.now(ZoneId.of("Pacific/Kiritimati"));
        new TicketFixture(tenant).openTicket();
        assertThat(createdOn(tenant, pagoPago)).isEqualTo(1);

        ok(tenant.admin().post("/account/update", "time_zone", "Pacific/Kiritimati"));
        awaitRecount(tenant.admin());

        assertThat(createdOn(tenant, pagoPago)).as("the old day is empty").isZero();
        assertThat(createdOn(tenant, kiritimati)).as("the ticket counts on its day in the new zone").isEqualTo(1);
        assertThat(ok(tenant.reader().get("/report/tickets", "from", pagoPago.minusDays(1).toString(), "to",
                kiritimati.plusDays(1).toString(), "group_by", "department")).data().get("total").get("backlog").asLong())
                .isEqualTo(1);
    }

    private static void history(Tenant tenant) {
        var fx = new TicketFixture(tenant);
        String finished = fx.linkedTicket();
        ok(tenant.writer().post("/ticket/reply/operator", "ticket_id", finished, "message", "Verifico"));
        ok(tenant.writer().post("/ticket/finish", "ticket_id", finished, "message", "Resolvido", "time_work", "5"));
        fx.openTicket();
        fx.openTicket();
    }

    /** The ticket report by day over the week around today, in the account's time zone (São Paulo). */
    private static JsonNode week(Tenant tenant) {
        LocalDate today = LocalDate.now(SAO_PAULO);
        return ok(tenant.reader().get("/report/tickets", "from", today.minusDays(3).toString(), "to",
                today.plusDays(3).toString(), "group_by", "day")).data();
    }

    private static long createdOn(Tenant tenant, LocalDate day) {
        return ok(tenant.reader().get("/report/tickets", "from", day.toString(), "to", day.toString()))
                .data().get("total").get("created").asLong();
    }

    private void forgetFacts(String accountId) {
        for (String table : new String[]{"report_ticket_fact", "report_ticket_day", "report_ticket_minutes", "report_chat_fact"}) {
            jdbc.sql("delete from " + table + " where account_id = :account").param("account", accountId).update();
        }
    }

    /** Waits until the account's recount is done (GET /report/recount says nothing is pending). */
    static void awaitRecount(ApiClient admin) {
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
}
