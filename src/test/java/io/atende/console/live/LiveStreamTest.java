package io.atende.console.live;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.atende.console.tickets.DeskFixture;
import io.atende.support.ApiClient;
import io.atende.support.ApiTest;
import io.atende.support.BrowserSession;
import io.atende.support.TestNodes;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The operator's live stream (/console/live) read over HTTP as a browser's EventSource reads it: what it carries after
 * a commit, what it never carries (other departments' and other accounts' tickets, one's own presence), and changes
 * made through another node.
 */
@ApiTest
class LiveStreamTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @Autowired
    TestTenants tenants;

    @Autowired
    Environment environment;

    DeskFixture desk;
    String finance;

    @BeforeEach
    void anOperatorOfSuporteAndADepartmentTheyAreNotIn() {
        desk = new DeskFixture(tenants);
        finance = DeskFixture.ok(desk.tenant.admin().post("/department/new", "name", "Financeiro")).id();
    }

    @Test
    void opensWithTheQueueCountsAndCarriesANewTicketOnceItIsCommittedWithTheCountsAfterIt() throws Exception {
        desk.ticket("Já estava aqui");
        try (var stream = Stream.open(desk.session, "/console/live")) {
            var opening = stream.next("counts");
            assertThat(opening.data().get("unassigned").asLong()).isEqualTo(1);
            assertThat(opening.data().get("chats").asLong()).isZero();

            String ticket = desk.ticket("Impressora parada");

            // The first ticket's own event may still be on its way: it was committed just before the stream opened.
            var created = stream.next(event -> event.name().equals("ticket") && event.data().get("ticket").asString().equals(ticket));
            assertThat(created.data().get("kind").asString()).isEqualTo("ticket_created");
            assertThat(created.data().get("department").asString()).isEqualTo(desk.department);
            assertThat(created.data().get("mine").asBoolean()).isFalse();
            assertThat(created.data().get("notify").isNull()).isTrue();
            assertThat(created.id()).isNotBlank();
            assertThat(stream.next("counts").data().get("unassigned").asLong()).isEqualTo(2);
        }
    }

    @Test
    void neverCarriesATicketOfADepartmentTheOperatorIsNotInUnlessItIsTheirs() throws Exception {
        // A ticket of Financeiro the operator took while a member, and kept after leaving it.
        DeskFixture.ok(desk.tenant.admin().post("/department/operator/add", "department_id", finance, "operator_id", desk.operator.id()));
        String mineElsewhere = financeTicket("Nota fiscal", "operator_id", desk.operator.id());
        DeskFixture.ok(desk.tenant.admin().post("/department/operator/remove", "department_id", finance, "operator_id", desk.operator.id()));
        try (var stream = Stream.open(desk.session, "/console/live")) {
            stream.next("counts");
            String elsewhere = financeTicket("Boleto vencido");
            DeskFixture.ok(desk.tenant.writer().post("/ticket/reply/customer", "ticket_id", mineElsewhere, "message", "E a nota?"));
            String here = desk.ticket("Impressora parada");

            // The creation of the operator's own ticket was committed just before the stream opened and may still be on its way.
            var first = stream.next(event -> event.name().equals("ticket")
                    && !(event.data().get("ticket").asString().equals(mineElsewhere) && event.data().get("kind").asString().equals("ticket_created")));
            assertThat(first.data().get("ticket").asString()).as("%s", stream.seen()).isEqualTo(mineElsewhere);
            assertThat(first.data().get("kind").asString()).isEqualTo("ticket_customer_replied");
            assertThat(first.data().get("mine").asBoolean()).isTrue();
            stream.next(event -> event.name().equals("ticket") && event.data().get("ticket").asString().equals(here));
            assertThat(stream.seen()).noneMatch(event -> event.data().toString().contains(elsewhere));
        }
    }

    @Test
    void tellsTheOperatorOfATicketGivenToThemAndOfTheirCustomersRepliesAndOfNewChats() throws Exception {
        String ticket = desk.ticket("Impressora parada");
        try (var stream = Stream.open(desk.session, "/console/live")) {
            stream.next("counts");
            DeskFixture.ok(desk.tenant.writer().post("/ticket/operator/link", "ticket_id", ticket, "operator_id", desk.operator.id()));
            // The ticket's own creation was committed just before the stream opened and may still be on its way.
            var assigned = stream.next(event -> event.name().equals("ticket") && !event.data().get("kind").asString().equals("ticket_created"));
            assertThat(assigned.data().get("kind").asString()).isEqualTo("ticket_assigned");
            assertThat(assigned.data().get("notify").asString()).isEqualTo("O chamado #1 agora é seu: Impressora parada");

            DeskFixture.ok(desk.tenant.writer().post("/ticket/reply/customer", "ticket_id", ticket, "message", "Alguma novidade?"));
            var replied = stream.next("ticket");
            assertThat(replied.data().get("kind").asString()).isEqualTo("ticket_customer_replied");
            assertThat(replied.data().get("notify").asString()).isEqualTo("O cliente respondeu no #1: Impressora parada");

            String chat = desk.chat("Olá");
            var queued = stream.next("chat");
            assertThat(queued.data().get("chat").asString()).isEqualTo(chat);
            assertThat(queued.data().get("notify").asString()).isEqualTo("Novo chat #1 aguardando");
            stream.next(event -> event.name().equals("counts") && event.data().get("chats").asLong() == 1);
        }
    }

    @Test
    void neverCarriesAnotherAccountsEvents() throws Exception {
        var other = new DeskFixture(tenants);
        try (var mine = Stream.open(desk.session, "/console/live");
             var theirs = Stream.open(other.session, "/console/live")) {
            mine.next("counts");
            theirs.next("counts");
            String otherTicket = other.ticket("Segredo");
            other.chat("Outro chat");
            String myTicket = desk.ticket("Impressora parada");

            assertThat(theirs.next("ticket").data().get("ticket").asString()).isEqualTo(otherTicket);
            assertThat(theirs.next("chat")).isNotNull();
            assertThat(mine.next("ticket").data().get("ticket").asString()).isEqualTo(myTicket);
            assertThat(mine.seen()).noneMatch(event -> event.name().equals("chat") || event.data().toString().contains(otherTicket));
        }
    }

    @Test
    void carriesAColleaguesPresenceOnATicketButNotOnesOwn() throws Exception {
        String ticket = desk.ticket("Impressora parada");
        var colleague = desk.colleague();
        colleague.session().get("/console/tickets/" + ticket);
        desk.session.get("/console/tickets/" + ticket);
        try (var stream = Stream.open(desk.session, "/console/live")) {
            stream.next("counts");
            assertThat(desk.session.htmx().post("/console/tickets/" + ticket + "/presence", "state", "viewing").status()).isEqualTo(204);
            assertThat(colleague.session().htmx().post("/console/tickets/" + ticket + "/presence", "state", "replying").status())
                    .isEqualTo(204);

            var presence = stream.next("presence");
            assertThat(presence.data().get("ticket").asString()).isEqualTo(ticket);
            assertThat(presence.data().get("operator").asString()).isEqualTo(colleague.operator().id());
            assertThat(presence.data().get("state").asString()).isEqualTo("replying");
            assertThat(presence.data().get("text").asString()).isEqualTo(colleague.operator().name() + " está respondendo");

            assertThat(colleague.session().htmx().post("/console/tickets/" + ticket + "/presence", "state", "left").status())
                    .isEqualTo(204);
            var left = stream.next("presence");
            assertThat(left.data().get("state").asString()).isEqualTo("left");
            assertThat(stream.seen()).noneMatch(event -> event.data().toString().contains(desk.operator.id())
                    && event.name().equals("presence"));
        }
    }

    @Test
    void refusesAPresenceOnAnUnknownOrAnotherAccountsTicketOrInAnUnknownState() {
        String ticket = desk.ticket("Impressora parada");
        var other = new DeskFixture(tenants);
        String theirs = other.ticket("Segredo");
        desk.session.get("/console/tickets/" + ticket);

        assertThat(desk.session.htmx().post("/console/tickets/" + ticket + "/presence", "state", "dancing").status()).isEqualTo(400);
        assertThat(desk.session.htmx().post("/console/tickets/" + ticket + "/presence").status()).isEqualTo(400);
        assertThat(desk.session.htmx().post("/console/tickets/" + theirs + "/presence", "state", "viewing").status()).isEqualTo(404);
        assertThat(desk.session.htmx().post("/console/tickets/" + "0".repeat(32) + "/presence", "state", "viewing").status())
                .isEqualTo(404);
        assertThat(desk.session.postWithoutCsrf("/console/tickets/" + ticket + "/presence", "state", "viewing").status())
                .isEqualTo(403);
        assertThat(new BrowserSession(tenants.port()).stream("/console/live").statusCode()).isNotEqualTo(200);
    }

    @Test
    void carriesChangesAndPresenceMadeThroughAnotherNode() throws Exception {
        String ticket = desk.ticket("Impressora parada");
        var colleague = desk.colleague();
        try (var node = TestNodes.start(environment.getRequiredProperty("spring.datasource.url"), List.of());
             var stream = Stream.open(desk.session, "/console/live")) {
            stream.next("counts");
            var otherNode = new ApiClient(TestNodes.port(node), desk.tenant.writer().token());
            String created = DeskFixture.ok(otherNode.post("/ticket/new", "customer_id", "c-1", "department_id", desk.department,
                    "subject", "Pelo outro nó", "message", "Olá")).json().get("ticket_id").asString();
            assertThat(stream.next("ticket").data().get("ticket").asString()).isEqualTo(created);

            var there = colleague.session().atPort(TestNodes.port(node));
            there.get("/console/tickets/" + ticket);
            assertThat(there.htmx().post("/console/tickets/" + ticket + "/presence", "state", "viewing").status()).isEqualTo(204);
            var presence = stream.next("presence");
            assertThat(presence.data().get("operator").asString()).isEqualTo(colleague.operator().id());
            assertThat(presence.data().get("state").asString()).isEqualTo("viewing");
        }
    }

    /** A ticket of Carla in Financeiro, a department the operator is not in. */
    private String financeTicket(String subject, String... extra) {
        var params = new java.util.ArrayList<>(List.of("customer_id", "c-1", "department_id", finance, "subject", subject,
                "message", "Mensagem de " + subject));
        params.addAll(List.of(extra));
        return DeskFixture.ok(desk.tenant.writer().post("/ticket/new", params.toArray(String[]::new))).json().get("ticket_id").asString();
    }

    @Test
    void aStreamBeyondTheOperatorsShareEndsTheirOldestSoThatPagesLeftBehindNeverLockThemOut() throws Exception {
        List<Stream> opened = new java.util.ArrayList<>();
        try {
            // Eight tabs (the share of one operator), then a ninth page: the first tab's stream ends, not the new one.
            for (int tab = 0; tab < 9; tab++) {
                var stream = Stream.open(desk.session, "/console/live");
                stream.next("counts");
                opened.add(stream);
            }
            opened.get(0).awaitEnd();
            assertThat(opened.subList(1, 9)).noneMatch(Stream::ended);

            String ticket = desk.ticket("Depois da nona aba");
            opened.get(8).next(event -> event.name().equals("ticket") && event.data().get("ticket").asString().equals(ticket));
        } finally {
            for (var stream : opened) {
                stream.close();
            }
        }
    }

    record Event(String id, String name, JsonNode data) {
    }

    /** One open stream, its lines read on a thread of their own so that every wait has a deadline. */
    static final class Stream implements AutoCloseable {

        private final HttpResponse<java.io.InputStream> response;
        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private final List<Event> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Thread reader;

        private Stream(HttpResponse<java.io.InputStream> response) {
            this.response = response;
            this.reader = new Thread(this::read, "live-test-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static Stream open(BrowserSession session, String path) {
            var response = session.stream(path);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
            return new Stream(response);
        }

        /** The next event of this name; those of other names before it are skipped (and kept in {@link #seen()}). */
        Event next(String name) throws InterruptedException {
            return next(event -> event.name().equals(name));
        }

        Event next(Predicate<Event> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (true) {
                var event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (event == null) {
                    fail("no such event within " + DEADLINE + "; seen: " + seen);
                }
                if (wanted.test(event)) {
                    return event;
                }
            }
        }

        /** Waits for the server to end the stream. */
        void awaitEnd() throws InterruptedException {
            reader.join(DEADLINE.toMillis());
            assertThat(reader.isAlive()).as("the stream ended by the server").isFalse();
        }

        boolean ended() {
            return !reader.isAlive();
        }

        /** Every event read so far. */
        List<Event> seen() {
            return seen;
        }

        private void read() {
            String id = null;
            String name = null;
            StringBuilder data = new StringBuilder();
            try (var lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            var event = new Event(id, name, ApiClient.parse(data.toString()));
                            seen.add(event);
                            events.add(event);
                        }
                        id = null;
                        name = null;
                        data.setLength(0);
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).strip();
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    }
                }
            } catch (java.io.IOException | RuntimeException closed) {
                // The test closed the stream.
            }
        }

        @Override
        public void close() throws java.io.IOException {
            response.body().close();
            reader.interrupt();
        }
    }
}
