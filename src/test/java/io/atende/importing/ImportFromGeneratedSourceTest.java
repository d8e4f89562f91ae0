package io.atende.importing;

import java.util.List;

import io.atende.operator.OperatorRole;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static io.atende.importing.GeneratedTomTicketSource.id;
import static io.atende.importing.ImportingNode.progress;
import static io.atende.importing.ImportingNode.running;
import static io.atende.importing.ImportingNode.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Imports from a TomTicket source whose account is generated (see {@link GeneratedTomTicketSource}): a source that goes
 * down and comes back, and one that stays down. The importing node waits a second, then two, between attempts at an
 * unreachable source, and gives up after six. (A large account, through a restart of the importing node, is in
 * {@link ImportLargeAccountTest}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportFromGeneratedSourceTest {

    private static final int MAX_ATTEMPTS = 6;
    private static final List<String> IMPORTER_SETTINGS = List.of("atende.import.allow-private=true",
            "atende.import.poll-interval=100ms", "atende.import.lease=2s", "atende.import.retry-delay=1s",
            "atende.import.retry-max-delay=2s", "atende.import.retry-attempts=" + MAX_ATTEMPTS,
            "atende.import.quick-retry-pause=50ms");

    private ImportingNode importer;

    @BeforeAll
    void startTheImporter() {
        importer = ImportingNode.start(IMPORTER_SETTINGS);
    }

    @AfterAll
    void stopTheImporter() {
        if (importer != null) {
            importer.close();
        }
    }

    @Test
    void aSourceThatIsDownIsWaitedForAndTheImportEndsOnceItIsBack() {
        // This source lists no custom fields: the import takes those its departments name.
        try (var source = new GeneratedTomTicketSource(20, 5, false)) {
            var account = importer.newTargetAccount();
            var target = account.admin();
            // Signed in beforehand: the source stays down only for the attempts the importer makes (about nine seconds).
            var console = importer.signedIn(account.accountId(), OperatorRole.ADMIN);
            source.takeDown();
            String id = target.post("/import/new", "source_url", source.baseUrl(), "source_token", GeneratedTomTicketSource.TOKEN,
                    "rate", "100").id();
            var waiting = waitFor(target, id, job -> job.hasNonNull("waiting_to_retry"));
            assertThat(waiting.get("status").asString()).isEqualTo("running");
            var retry = waiting.get("waiting_to_retry");
            assertThat(retry.get("reason").asString()).contains("could not be reached");
            assertThat(retry.get("attempt").asInt()).isBetween(1, MAX_ATTEMPTS - 1);
            assertThat(retry.get("max_attempts").asInt()).isEqualTo(MAX_ATTEMPTS);
            assertThat(retry.get("next_attempt_date").asString()).isNotBlank();
            var page = console.get("/console/admin/imports/" + id);
            assertThat(page.document().select("#import-waiting").text()).contains("could not be reached");
            assertThat(page.document().selectFirst("#import-waiting").hasClass("warning")).isTrue();

            source.bringBack();
            var done = waitFor(target, id, job -> !running(job));
            assertThat(done.get("status").asString()).isEqualTo("done");
            assertThat(done.get("waiting_to_retry").isNull()).isTrue();
            assertThat(progress(done, "tickets").get("imported").asInt()).isEqualTo(20);
            assertThat(progress(done, "chats").get("imported").asInt()).isEqualTo(5);
            assertThat(done.get("failures")).isEmpty();
            var fields = target.get("/custom_field/list").data();
            assertThat(fields).hasSize(1);
            assertThat(fields.get(0).get("id").asString()).isEqualTo(id("cf", 1));
            assertThat(fields.get(0).get("label").asString()).isEqualTo("Pedido de compra");
            assertThat(fields.get(0).get("type").asString()).isEqualTo("text");
            assertThat(fields.get(0).get("department").get("id").asString()).isEqualTo(id("dp", 1));
            assertThat(target.get("/ticket/detail", "ticket_id", id("tk", 7)).data().get("custom_fields").get("open").get(0)
                    .get("value").asString()).isEqualTo("PC-7");
            assertThat(console.get("/console/admin/imports/" + id).document().select("#import-waiting")).isEmpty();
        }
    }

    @Test
    void aSourceThatStaysDownFailsTheImportAfterTheDocumentedNumberOfAttempts() {
        try (var source = new GeneratedTomTicketSource(5, 0)) {
            var target = importer.newTargetAccount().admin();
            source.failNext(Integer.MAX_VALUE);
            String id = target.post("/import/new", "source_url", source.baseUrl(), "source_token", GeneratedTomTicketSource.TOKEN,
                    "include", "customers").id();
            var failed = waitFor(target, id, job -> !running(job));
            assertThat(failed.get("status").asString()).isEqualTo("failed");
            assertThat(failed.get("failure").asString()).contains("503").contains("gave up after " + MAX_ATTEMPTS + " attempts");
            // Each attempt asks once and then twice more within the blip's pauses.
            assertThat(source.requests()).isEqualTo(MAX_ATTEMPTS * 3);
        }
    }

    @Test
    void anImportWaitingForItsSourceCanBeCancelledAndIsNotTriedAgain() throws InterruptedException {
        try (var source = new GeneratedTomTicketSource(5, 0)) {
            var target = importer.newTargetAccount().admin();
            source.failNext(Integer.MAX_VALUE);
            String id = target.post("/import/new", "source_url", source.baseUrl(), "source_token", GeneratedTomTicketSource.TOKEN,
                    "include", "customers").id();
            waitFor(target, id, job -> job.hasNonNull("waiting_to_retry"));
            var cancelled = target.post("/import/cancel", "import_id", id);
            assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
            assertThat(cancelled.data().get("status").asString()).isEqualTo("cancelled");
            int asked = source.requests();
            // Longer than the longest wait between two attempts: a job still waiting would have been tried again.
            Thread.sleep(3_000);
            assertThat(source.requests()).isEqualTo(asked);
            var job = target.get("/import/detail", "import_id", id).data();
            assertThat(job.get("status").asString()).isEqualTo("cancelled");
            assertThat(job.get("waiting_to_retry").isNull()).isTrue();
        }
    }
}
