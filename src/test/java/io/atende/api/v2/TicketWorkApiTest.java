package io.atende.api.v2;

import java.util.ArrayList;
import java.util.List;

import io.atende.support.ApiClient;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;
import io.atende.support.WebhookReceiver;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import static io.atende.api.v2.TicketFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/api.md, Changing, merging and linking tickets: /ticket/update, /ticket/merge and /ticket/parent, each change in
 * the ticket's history and announced as an event.
 */
@ApiTest
class TicketWorkApiTest {

    @Autowired
    TestTenants tenants;

    TicketFixture fx;

    @BeforeEach
    void newAccount() {
        fx = new TicketFixture(tenants.create());
    }

    // --- /ticket/update

    @Test
    void changesSubjectPriorityCustomerAndCustomFieldsWithOldAndNewValuesInTheHistory() {
        String field = ok(fx.tenant.admin().post("/custom_field/new", "label", "Contrato", "entity", "ticket", "type", "text")).id();
        String other = ok(fx.tenant.writer().post("/customer/new", "customer_id", "c-2", "name", "Dora", "email", "dora@example.com")).id();
        String ticket = fx.openTicket("custom_field[" + field + "]", "A-1");

        var updated = fx.tenant.writer().post("/ticket/update", "ticket_id", ticket, "subject", "Impressora do 2º andar",
                "priority", "4", "customer_id", "dora@example.com", "customer_id_type", "E", "custom_field[" + field + "]", "B-2");

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.message()).isEqualTo("Ticket updated.");
        assertThat(updated.data().get("subject").asString()).isEqualTo("Impressora do 2º andar");
        var detail = fx.detail(ticket).data();
        assertThat(detail.get("priority").asInt()).isEqualTo(4);
        assertThat(detail.get("customer").get("id").asString()).isEqualTo(other);
        assertThat(detail.get("custom_fields").get("open").get(0).get("value").asString()).isEqualTo("B-2");
        assertThat(lines(history(ticket))).containsSubsequence(
                "priority: 2 -> 4", "subject: Impressora -> Impressora do 2º andar", "custom_field: A-1 -> B-2",
                "customer: " + fx.customer + " -> " + other);
        assertThat(fx.listedProtocols("search", "andar")).hasSize(1);
    }

    @Test
    void anEmptyCustomFieldValueClearsItAndTheSameValuesChangeNothing() {
        String field = ok(fx.tenant.admin().post("/custom_field/new", "label", "Contrato", "entity", "ticket", "type", "text")).id();
        String ticket = fx.openTicket("custom_field[" + field + "]", "A-1");
        int before = history(ticket).size();

        ok(fx.tenant.writer().post("/ticket/update", "ticket_id", ticket, "subject", "Impressora", "priority", "2"));
        assertThat(history(ticket).size()).isEqualTo(before);

        ok(fx.tenant.writer().post("/ticket/update", "ticket_id", ticket, "custom_field[" + field + "]", ""));
        assertThat(fx.detail(ticket).data().get("custom_fields").get("open")).isEmpty();
        assertThat(lines(history(ticket))).last().isEqualTo("custom_field: A-1 -> -");
    }

    @Test
    void aNewPriorityAppliesTheSlaPolicyThatDependsOnIt() {
        String normal = ok(fx.tenant.admin().post("/sla/new", "name", "Normal", "resolution_minutes", "480", "position", "2")).id();
        String urgent = ok(fx.tenant.admin().post("/sla/new", "name", "Urgente", "priority", "4", "resolution_minutes", "60",
                "position", "1")).id();
        String ticket = fx.linkedTicket();
        assertThat(fx.detail(ticket).data().get("sla_policy").get("id").asString()).isEqualTo(normal);

        ok(fx.tenant.writer().post("/ticket/update", "ticket_id", ticket, "priority", "4"));

        assertThat(fx.detail(ticket).data().get("sla_policy").get("id").asString()).isEqualTo(urgent);
    }

    @Test
    void updateIsAnnouncedAsTicketUpdated() {
        try (var receiver = new WebhookReceiver()) {
            ok(fx.tenant.admin().post("/webhook/new", "url", receiver.url(), "format", "standard", "events", "ticket.updated"));
            String ticket = fx.openTicket();

            ok(fx.tenant.writer().post("/ticket/update", "ticket_id", ticket, "priority", "3"));

            var event = ApiClient.parse(receiver.awaitCount(1).get(0).text());
            assertThat(event.get("type").asString()).isEqualTo("ticket.updated");
            assertThat(event.get("data").get("priority").asInt()).isEqualTo(3);
        }
    }

    @Test
    void updateRefusesBadInputClosedTicketsAndCustomersWhoMayNotOpenTicketsAndChangesNothing() {
        String ticket = fx.linkedTicket();
        ok(fx.tenant.writer().post("/customer/new", "customer_id", "c-off", "name", "Inativa", "active", "0"));

        assertThat(fx.tenant.writer().post("/ticket/update", "subject", "x").status()).isEqualTo(400);
        assertThat(fx.tenant.writer().post("/ticket/update", "ticket_id", ticket).status()).isEqualTo(400);
        assertThat(fx.tenant.writer().post("/ticket/update", "ticket_id", ticket, "subject", "").status()).isEqualTo(400);
        assertThat(fx.tenant.writer().post("/ticket/update", "ticket_id", ticket, "subject", "x".repeat(251)).status()).isEqualTo(400);
        assertThat(fx.tenant.writer().post("/ticket/update", "ticket_id", ticket, "priority", "5").status()).isEqualTo(400);
        assertThat(fx.tenant.writer().post("/ticket/update", "ticket_id", ticket, "custom_field[" + "0".repeat(32) + "]", "x").status())
                .isIn(400, 404);
        assertThat(fx.tenant.writer().post("/ticket/update", "ticket_id", ticket, "customer_id", "nobody").status()).isEqualTo(404);
        assertThat(fx.tenant.writer().post("/ticket/update", "ticket_id", "0".repeat(32), "priority", "3").status()).isEqualTo(404);
        var inactive = fx.tenant.writer().post("/ticket/update", "ticket_id", ticket, "customer_id", "c-off", "priority", "4");
        assertThat(inactive.status()).isEqualTo(409);
        assertThat(fx.tenant.reader().post("/ticket/update", "ticket_id", ticket, "priority", "3").status()).isEqualTo(403);
        assertThat(fx.detail(ticket).data().get("priority").asInt()).isEqualTo(2);

        ok(fx.tenant.writer().post("/ticket/finish", "ticket_id", ticket, "message", "Pronto"));
        var closed = fx.tenant.writer().post("/ticket/update", "ticket_id", ticket, "priority", "3");
        assertThat(closed.status()).isEqualTo(409);
        assertThat(closed.message()).isEqualTo("This ticket is finished or cancelled and cannot be changed this way.");
    }

    @Test
    void anotherAccountCannotUpdateTheTicketNorMoveItToItsCustomer() {
        String ticket = fx.openTicket();
        var other = new TicketFixture(tenants.create());

        assertThat(other.tenant.writer().post("/ticket/update", "ticket_id", ticket, "priority", "4").status()).isEqualTo(404);
        String theirs = ok(other.tenant.writer().post("/customer/new", "customer_id", "c-9", "name", "Outra")).id();
        assertThat(fx.tenant.writer().post("/ticket/update", "ticket_id", ticket, "customer_id", theirs).status()).isEqualTo(404);
        assertThat(fx.detail(ticket).data().get("priority").asInt()).isEqualTo(2);
    }

    // --- /ticket/merge

    @Test
    void mergingMovesTheConversationAndFinishesTheMergedTicketWithALink() {
        String target = fx.openTicket("subject", "Impressora", "message", "Não imprime");
        ok(fx.tenant.writer().post("/ticket/operator/link", "ticket_id", target, "operator_id", fx.operator));
        String merged = fx.openTicket("subject", "Impressora de novo", "message", "Continua sem imprimir");
        ok(fx.tenant.writer().post("/ticket/comment", "ticket_id", merged, "comment", "Cliente ligou duas vezes"));
        ok(fx.tenant.writer().post("/ticket/reply/customer", "ticket_id", merged, "message", "Alguém?"));
        ok(fx.tenant.writer().post("/ticket/reply/operator", "ticket_id", target, "message", "Verificando"));

        var answer = fx.tenant.writer().post("/ticket/merge", "ticket_id", merged, "into_ticket_id", target);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.message()).isEqualTo("Tickets merged.");
        assertThat(answer.data().get("id").asString()).isEqualTo(target);
        var kept = fx.detail(target).data();
        assertThat(texts(kept.get("replies"), "message")).containsExactly("Não imprime", "Continua sem imprimir", "Alguém?", "Verificando");
        assertThat(texts(kept.get("comments"), "comment")).containsExactly("Cliente ligou duas vezes");
        var gone = fx.detail(merged).data();
        assertThat(gone.get("situation").get("id").asInt()).isEqualTo(5);
        assertThat(gone.get("merged_into_ticket_id").asString()).isEqualTo(target);
        assertThat(texts(gone.get("replies"), "message")).containsExactly("Continua sem imprimir");
        assertThat(lines(history(merged))).last().isEqualTo("merged_into: - -> " + target);
        assertThat(lines(history(target))).contains("merged_from: - -> " + merged);
        assertThat(fx.tenant.writer().post("/ticket/reopen", "ticket_id", merged).status()).isEqualTo(409);
        // The conversation carries on in the target: that is the ticket the customer evaluates.
        var evaluation = fx.tenant.writer().post("/ticket/evaluation", "ticket_id", merged, "grade", "5");
        assertThat(evaluation.status()).isEqualTo(409);
        assertThat(evaluation.message()).isEqualTo("A merged ticket is not evaluated: evaluate the ticket it was merged into.");
        assertThat(fx.listedProtocols("search", "continua")).hasSize(2);
    }

    @Test
    void attachmentsMoveWithTheirMessages() {
        String target = fx.openTicket();
        var opened = fx.tenant.writer().postMultipart("/ticket/new", List.of(new ApiClient.FilePart("attachment[0]", "nota.txt",
                "text/plain", "nota".getBytes())), "customer_id", "c-1", "department_id", fx.department, "subject", "Com anexo",
                "message", "Segue a nota");
        String merged = ok(opened).json().get("ticket_id").asString();

        ok(fx.tenant.writer().post("/ticket/merge", "ticket_id", merged, "into_ticket_id", target));

        var replies = fx.detail(target).data().get("replies");
        assertThat(replies.get(1).get("message").asString()).isEqualTo("Segue a nota");
        assertThat(replies.get(1).get("attachments").get(0).get("name").asString()).isEqualTo("nota.txt");
        assertThat(fx.detail(merged).data().get("replies").get(0).get("attachments")).isEmpty();
        String download = replies.get(1).get("attachments").get(0).get("id").asString();
        assertThat(fx.tenant.reader().get("/ticket/attachment", "attachment_id", download).text()).isEqualTo("nota");
    }

    @Test
    void mergeRefusesItselfClosedTargetsAndClosedTicketsAndChangesNothing() {
        String open = fx.openTicket();
        String finished = fx.linkedTicket();
        ok(fx.tenant.writer().post("/ticket/finish", "ticket_id", finished, "message", "Pronto"));

        var itself = fx.tenant.writer().post("/ticket/merge", "ticket_id", open, "into_ticket_id", open);
        assertThat(itself.status()).isEqualTo(400);
        assertThat(itself.message()).isEqualTo("A ticket cannot be merged into itself.");
        var intoClosed = fx.tenant.writer().post("/ticket/merge", "ticket_id", open, "into_ticket_id", finished);
        assertThat(intoClosed.status()).isEqualTo(409);
        assertThat(intoClosed.message()).isEqualTo("A ticket cannot be merged into a finished, cancelled or merged ticket.");
        assertThat(fx.tenant.writer().post("/ticket/merge", "ticket_id", finished, "into_ticket_id", open).status()).isEqualTo(409);
        assertThat(fx.tenant.writer().post("/ticket/merge", "ticket_id", open).status()).isEqualTo(400);
        assertThat(fx.tenant.writer().post("/ticket/merge", "into_ticket_id", open).status()).isEqualTo(400);
        assertThat(fx.tenant.writer().post("/ticket/merge", "ticket_id", open, "into_ticket_id", "0".repeat(32)).status()).isEqualTo(404);
        assertThat(fx.tenant.reader().post("/ticket/merge", "ticket_id", open, "into_ticket_id", finished).status()).isEqualTo(403);
        assertThat(fx.situation(open)).isZero();

        String another = fx.openTicket();
        ok(fx.tenant.writer().post("/ticket/merge", "ticket_id", another, "into_ticket_id", open));
        assertThat(fx.tenant.writer().post("/ticket/merge", "ticket_id", fx.openTicket(), "into_ticket_id", another).status())
                .isEqualTo(409);
    }

    @Test
    void ticketsOfDifferentCustomersMergeOnlyWhenExplicitlyAllowed() {
        ok(fx.tenant.writer().post("/customer/new", "customer_id", "c-2", "name", "Dora"));
        String target = fx.openTicket();
        String merged = fx.openTicket("customer_id", "c-2");

        var refused = fx.tenant.writer().post("/ticket/merge", "ticket_id", merged, "into_ticket_id", target);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.message()).startsWith("These tickets belong to different customers");
        assertThat(fx.situation(merged)).isZero();

        ok(fx.tenant.writer().post("/ticket/merge", "ticket_id", merged, "into_ticket_id", target, "allow_other_customer", "1"));
        assertThat(fx.situation(merged)).isEqualTo(5);
    }

    @Test
    void anotherAccountsTicketIsUnknownOnEitherSide() {
        String mine = fx.openTicket();
        var other = new TicketFixture(tenants.create());
        String theirs = other.openTicket();

        assertThat(fx.tenant.writer().post("/ticket/merge", "ticket_id", mine, "into_ticket_id", theirs).status()).isEqualTo(404);
        assertThat(fx.tenant.writer().post("/ticket/merge", "ticket_id", theirs, "into_ticket_id", mine).status()).isEqualTo(404);
        assertThat(other.tenant.writer().post("/ticket/merge", "ticket_id", mine, "into_ticket_id", theirs).status()).isEqualTo(404);
        assertThat(fx.situation(mine)).isZero();
        assertThat(other.situation(theirs)).isZero();
    }

    @Test
    void mergingIsAnnouncedAsTheMergedTicketFinishedAndTheTargetUpdated() {
        try (var receiver = new WebhookReceiver()) {
            ok(fx.tenant.admin().post("/webhook/new", "url", receiver.url(), "format", "standard",
                    "events", "ticket.finished,ticket.updated"));
            String target = fx.openTicket();
            String merged = fx.openTicket();

            ok(fx.tenant.writer().post("/ticket/merge", "ticket_id", merged, "into_ticket_id", target));

            List<String> events = new ArrayList<>();
            for (var received : receiver.awaitCount(2)) {
                var event = ApiClient.parse(received.text());
                events.add(event.get("type").asString() + " " + event.get("data").get("id").asString());
            }
            assertThat(events).containsExactlyInAnyOrder("ticket.finished " + merged, "ticket.updated " + target);
        }
    }

    // --- /ticket/parent

    @Test
    void linksAndUnlinksAParentWithoutCycles() {
        String parent = fx.openTicket();
        String child = fx.openTicket();
        String grandchild = fx.openTicket();

        var linked = fx.tenant.writer().post("/ticket/parent", "ticket_id", child, "parent_ticket_id", parent);
        assertThat(linked.status()).as(linked.toString()).isEqualTo(200);
        assertThat(linked.data().get("parent_ticket_id").asString()).isEqualTo(parent);
        ok(fx.tenant.writer().post("/ticket/parent", "ticket_id", grandchild, "parent_ticket_id", child));
        var staggered = fx.detail(parent, "show_staggered_tickets", "1").data().get("staggered_tickets");
        assertThat(staggered.get(0).get("id").asString()).isEqualTo(child);

        var cycle = fx.tenant.writer().post("/ticket/parent", "ticket_id", parent, "parent_ticket_id", grandchild);
        assertThat(cycle.status()).isEqualTo(400);
        assertThat(cycle.message()).isEqualTo("That ticket is below this one; linking it as the parent would make a loop.");
        assertThat(fx.tenant.writer().post("/ticket/parent", "ticket_id", parent, "parent_ticket_id", parent).status()).isEqualTo(400);
        assertThat(fx.tenant.writer().post("/ticket/parent", "ticket_id", parent).status()).isEqualTo(400);
        assertThat(fx.tenant.writer().post("/ticket/parent", "ticket_id", parent, "parent_ticket_id", "0".repeat(32)).status())
                .isEqualTo(404);
        assertThat(fx.detail(parent).data().get("parent_ticket_id").isNull()).isTrue();

        ok(fx.tenant.writer().post("/ticket/parent", "ticket_id", child, "parent_ticket_id", ""));
        assertThat(fx.detail(child).data().get("parent_ticket_id").isNull()).isTrue();
        assertThat(lines(history(child))).containsSubsequence("parent: - -> " + parent, "parent: " + parent + " -> -");
    }

    @Test
    void anotherAccountsTicketCannotBeAParentNorBeLinked() {
        String mine = fx.openTicket();
        var other = new TicketFixture(tenants.create());
        String theirs = other.openTicket();

        assertThat(fx.tenant.writer().post("/ticket/parent", "ticket_id", mine, "parent_ticket_id", theirs).status()).isEqualTo(404);
        assertThat(other.tenant.writer().post("/ticket/parent", "ticket_id", mine, "parent_ticket_id", theirs).status()).isEqualTo(404);
        assertThat(fx.tenant.reader().post("/ticket/parent", "ticket_id", mine, "parent_ticket_id", "").status()).isEqualTo(403);
        assertThat(fx.detail(mine).data().get("parent_ticket_id").isNull()).isTrue();
    }

    private JsonNode history(String ticket) {
        return ok(fx.tenant.reader().get("/ticket/history", "ticket_id", ticket)).data();
    }

    /** Each entry as "field: old -> new", values as the wire gives them. */
    private static List<String> lines(JsonNode entries) {
        List<String> lines = new ArrayList<>();
        for (JsonNode entry : entries) {
            lines.add(entry.get("field").asString() + ": " + shown(entry.get("old_value")) + " -> " + shown(entry.get("new_value")));
        }
        return lines;
    }

    private static String shown(JsonNode value) {
        return value.get("value").isNull() ? "-" : value.get("value").asString();
    }

    private static List<String> texts(JsonNode items, String field) {
        List<String> texts = new ArrayList<>();
        items.forEach(item -> texts.add(item.get(field).asString()));
        return texts;
    }
}
