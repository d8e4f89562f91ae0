package io.atende.api.v2;

import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import io.atende.support.ApiTest;
import io.atende.support.Databases;
import io.atende.support.TestTenants;
import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search index's pending list is moved into the index in the background (TicketSearchIndexUpkeep), so that no
 * ticket creation pays for the move while it holds the account's protocol counter. PostgreSQL only: H2 has no index.
 */
@ApiTest
class TicketSearchIndexUpkeepApiTest {

    @Autowired
    TestTenants tenants;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DataSource dataSource;

    @BeforeEach
    void onPostgreSql() throws Exception {
        Databases.assumePostgreSql(dataSource, "the search index");
    }

    @Test
    void movesTheEntriesNewTicketsLeaveInTheSearchIndexsPendingListInTheBackground() throws InterruptedException {
        var fx = new TicketFixture(tenants.create());
        double movedBefore = movedPages();

        for (int ticket = 0; ticket < 20; ticket++) {
            int first = ticket * 100;
            // A hundred distinct words a ticket: pending entries of several pages in all.
            fx.openTicket("message", IntStream.range(first, first + 100).mapToObj(i -> "termo" + i).collect(Collectors.joining(" ")));
        }

        // Two runs that end after the last commit: the first may have started before it.
        long runsAfter = runs() + 2;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (runs() < runsAfter && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(runs()).as("background runs since the last ticket").isGreaterThanOrEqualTo(runsAfter);
        assertThat(movedPages()).as("pages moved by the background upkeep").isGreaterThan(movedBefore);
        long leftPending = jdbc.sql("select gin_clean_pending_list('ticket_search_vector_idx'::regclass)").query(Long.class).single();
        assertThat(leftPending).as("pages still pending").isZero();
        assertThat(fx.listedProtocols("search", "termo1999")).containsExactly(20L);
    }

    private long runs() {
        return meters.get("atende.tickets.search.index.upkeep").timer().count();
    }

    private double movedPages() {
        return meters.get("atende.tickets.search.index.pending.pages").counter().count();
    }
}
