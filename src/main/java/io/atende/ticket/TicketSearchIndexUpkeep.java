package io.atende.ticket;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Moves the search index's pending entries into the index on a timer (PostgreSQL only). A GIN index appends new
 * entries to a pending list, and the insert that finds the list over its limit (4 MB) moves the whole list into the
 * index itself. For a ticket creation that is the group commit's writer, holding the account's protocol counter:
 * at 900 tickets/s the list filled every two seconds, and each such insert took 170 to 230 ms while every creation
 * of the account waited in the benchmark. Moved here every second, the list stays far below its
 * limit; an insert that reaches it anyway while this runs skips the move instead of waiting for it. Searches, which
 * read the whole pending list, gain too. Every node runs it; a second node's run waits for the first's and finds
 * little left.
 */
@Component
class TicketSearchIndexUpkeep {

    private static final Logger log = LoggerFactory.getLogger(TicketSearchIndexUpkeep.class);
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private final TicketRepository repository;
    private final Counter moved;
    private final Timer runs;
    private final AtomicBoolean refused = new AtomicBoolean();

    TicketSearchIndexUpkeep(TicketRepository repository, MeterRegistry meters) {
        this.repository = repository;
        this.moved = Counter.builder("atende.tickets.search.index.pending.pages")
                .description("Pages of the search index's pending list moved into the index in the background").register(meters);
        this.runs = Timer.builder("atende.tickets.search.index.upkeep")
                .description("Background moves of the search index's pending list, including those that found it empty").register(meters);
    }

    @Scheduled(initialDelayString = "${atende.tickets.search-index-upkeep-interval:1s}",
            fixedDelayString = "${atende.tickets.search-index-upkeep-interval:1s}")
    void movePendingEntries() {
        if (refused.get()) {
            return;
        }
        long started = System.nanoTime();
        try {
            var pages = repository.movePendingSearchEntries();
            if (pages.isPresent()) {
                moved.increment(pages.getAsLong());
                runs.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            }
        } catch (DataAccessException failure) {
            if (failure.getMostSpecificCause() instanceof SQLException sql && INSUFFICIENT_PRIVILEGE.equals(sql.getSQLState())) {
                // Only the index's owner may do this: a node whose database user does not own the schema leaves the
                // move to the inserts and to autovacuum, as PostgreSQL does by itself.
                if (refused.compareAndSet(false, true)) {
                    log.warn("The search index's pending entries are left to inserts and autovacuum: {}", sql.getMessage());
                }
                return;
            }
            // A lost connection, say: the next run tries again, and until then the inserts do it.
            log.debug("Could not move the search index's pending entries: {}", failure.toString());
        }
    }
}
