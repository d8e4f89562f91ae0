package io.atende.api.v2;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import io.atende.support.ApiClient;
import io.atende.support.ApiClient.FilePart;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;
import io.atende.support.WebhookReceiver;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.atende.api.v2.TicketFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** docs/data-protection.md: /customer/anonymize erases a customer's personal data and leaves no trace of it anywhere. */
@ApiTest
class CustomerAnonymizationApiTest {

    @Autowired
    TestTenants tenants;

    @Autowired
    JdbcClient jdbc;

    Tenant tenant;
    TicketFixture fx;
    /** Values only this test's customer has, so that finding one anywhere in the database is a trace of it. */
    String name;
    String email;
    String phone;
    String fieldValue;
    String subjectWord;
    String messageWord;
    String fileWord;
    String chatWord;
    String customerId;

    @BeforeEach
    void newAccountWithAnotherCustomer() {
        tenant = tenants.create();
        fx = new TicketFixture(tenant);
        String unique = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
        name = "Zuleica Quintanilha" + unique;
        email = "zuleica." + unique + "@example.com";
        phone = "+55119" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        fieldValue = "cpf" + unique;
        subjectWord = "boleto" + unique;
        messageWord = "xilofone" + unique;
        fileWord = "laudo" + unique;
        chatWord = "pandeiro" + unique;
    }

    @Test
    void erasesEveryTraceOfTheCustomerAndNothingOfAnother() {
        try (var receiver = new WebhookReceiver()) {
            ok(tenant.admin().post("/webhook/new", "url", receiver.url(), "format", "standard",
                    "events", "ticket.created,ticket.replied,customer.created,customer.updated,chat.created,chat.message,customer.anonymized"));
            String field = ok(tenant.admin().post("/custom_field/new", "label", "CPF", "entity", "customer", "type", "text")).id();
            customerId = ok(tenant.writer().post("/customer/new", "customer_id", "CRM-" + fieldValue, "name", name, "email", email,
                    "phone", phone, "custom_field[" + field + "]", fieldValue)).id();
            ok(tenant.writer().post("/customer/update", "customer_id", customerId, "name", name + " Souza"));
            var file = List.of(new FilePart("attachment[0]", fileWord + ".txt", "text/plain",
                    ("Relatório de " + name + " " + fileWord).getBytes(StandardCharsets.UTF_8)));
            String ticket = ok(tenant.writer().postMultipart("/ticket/new", file, "customer_id", customerId, "department_id",
                    fx.department, "subject", "Segunda via do " + subjectWord, "message", "Meu " + messageWord + " quebrou, " + phone))
                    .json().get("ticket_id").asString();
            ok(tenant.writer().post("/ticket/operator/link", "ticket_id", ticket, "operator_id", fx.operator));
            ok(tenant.writer().post("/ticket/reply/operator", "ticket_id", ticket, "message", "Olá " + name + ", sobre o " + messageWord));
            ok(tenant.writer().postMultipart("/ticket/reply/customer", file, "ticket_id", ticket, "message", "Anexo " + messageWord));
            ok(tenant.writer().post("/ticket/update", "ticket_id", ticket, "subject", "Boleto " + subjectWord + " de " + email));
            ok(tenant.writer().post("/ticket/finish", "ticket_id", ticket, "message", "Resolvido " + messageWord));
            ok(tenant.writer().post("/ticket/evaluation", "ticket_id", ticket, "grade", "5", "comment", "Obrigada " + messageWord));
            String chat = ok(tenant.writer().post("/chat/new", "customer_id", customerId, "department_id", fx.department,
                    "message", "Oi, sou " + name + " " + chatWord)).id();
            ok(tenant.writer().post("/chat/accept", "chat_id", chat, "operator_id", fx.operator));
            ok(tenant.writer().postMultipart("/chat/message", file, "chat_id", chat, "sender_type", "C", "message", chatWord));
            receiver.await(received -> received.size() >= 7, java.time.Duration.ofSeconds(20));
            var otherCustomer = tenant.reader().get("/customer/details", "customer_id", fx.customer).text();
            String otherTicket = fx.openTicket();
            // Copied on another customer's ticket: the follower's address is the customer's data too.
            ok(tenant.writer().post("/ticket/follower/add", "ticket_id", otherTicket, "customer_id", customerId));
            var otherTicketBefore = conversation(fx.detail(otherTicket).data());
            int situation = fx.situation(ticket);
            assertThat(traces()).as("the values are stored before the erasure").isNotEmpty();

            var erased = tenant.admin().post("/customer/anonymize", "customer_id", customerId);

            assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
            assertThat(erased.message()).isEqualTo("Customer anonymized: their personal data was erased.");
            assertThat(erased.data().get("name").asString()).isEqualTo("Anonymized");
            assertThat(erased.data().get("email").isNull()).isTrue();
            assertThat(traces()).as("columns still holding the customer's data").isEmpty();
            var detail = fx.detail(ticket).data();
            assertThat(detail.get("subject").asString()).isEqualTo("Anonymized");
            assertThat(fx.situation(ticket)).as("the ticket stays finished").isEqualTo(situation);
            assertThat(tenant.reader().get("/ticket/list", "search", messageWord).data()).isEmpty();
            assertThat(tenant.reader().get("/customer/list", "search", "zuleica").json().get("size").asInt()).isZero();
            assertThat(tenant.reader().get("/customer/details", "customer_id", fx.customer).text()).isEqualTo(otherCustomer);
            assertThat(conversation(fx.detail(otherTicket).data())).isEqualTo(otherTicketBefore);
            var announced = receiver.await(received -> received.stream().anyMatch(r -> r.text().contains("customer.anonymized")),
                    java.time.Duration.ofSeconds(20));
            var event = announced.stream().filter(r -> r.text().contains("customer.anonymized")).findFirst().orElseThrow();
            assertThat(ApiClient.parse(event.text()).get("data").get("id").asString()).isEqualTo(customerId);
            assertThat(event.text()).doesNotContain(subjectWord, messageWord, email);
        }
    }

    @Test
    void aCustomerIsAnonymizedOnceAndMayThenBeDeletedWithItsTickets() {
        customerId = ok(tenant.writer().post("/customer/new", "customer_id", "CRM-9", "name", name, "email", email)).id();
        String ticket = fx.openTicket("customer_id", customerId);
        assertThat(tenant.writer().post("/customer/delete", "customer_id", customerId).status()).isEqualTo(409);
        ok(tenant.admin().post("/customer/anonymize", "customer_id", email, "customer_type_id", "E"));

        var again = tenant.admin().post("/customer/anonymize", "customer_id", customerId);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.message()).isEqualTo("This customer was already anonymized.");
        try (var receiver = new WebhookReceiver()) {
            ok(tenant.admin().post("/webhook/new", "url", receiver.url(), "format", "standard", "events", "customer.deleted"));
            var deleted = tenant.writer().post("/customer/delete", "customer_id", customerId);
            assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
            assertThat(ApiClient.parse(receiver.awaitCount(1).get(0).text()).get("type").asString()).isEqualTo("customer.deleted");
        }
        assertThat(tenant.reader().get("/customer/details", "customer_id", customerId).status()).isEqualTo(404);
        assertThat(fx.detail(ticket).data().get("subject").asString()).isEqualTo("Anonymized");
    }

    @Test
    void anonymizeNeedsAKnownCustomerOfTheAccountAndAnAdminToken() {
        customerId = ok(tenant.writer().post("/customer/new", "customer_id", "CRM-1", "name", name, "email", email)).id();
        var other = tenants.create();

        assertThat(tenant.admin().post("/customer/anonymize").status()).isEqualTo(400);
        assertThat(tenant.admin().post("/customer/anonymize", "customer_id", "CRM-1", "customer_type_id", "X").status()).isEqualTo(400);
        var unknown = tenant.admin().post("/customer/anonymize", "customer_id", "nobody");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asBoolean()).isTrue();
        assertThat(other.admin().post("/customer/anonymize", "customer_id", customerId).status()).isEqualTo(404);
        assertThat(other.admin().post("/customer/anonymize", "customer_id", "CRM-1").status()).isEqualTo(404);
        assertThat(tenant.writer().post("/customer/anonymize", "customer_id", "CRM-1").status()).isEqualTo(403);
        assertThat(tenant.anonymous().post("/customer/anonymize", "customer_id", "CRM-1").status()).isEqualTo(401);
        assertThat(tenant.admin().get("/customer/anonymize", "customer_id", "CRM-1").status()).isEqualTo(405);
        var kept = ok(tenant.reader().get("/customer/details", "customer_id", customerId)).data().get(0);
        assertThat(kept.get("name").asString()).isEqualTo(name);
        assertThat(kept.get("email").asString()).isEqualTo(email);
    }

    /** What a ticket says and whose it is (its times move with the clock). */
    static String conversation(tools.jackson.databind.JsonNode ticket) {
        return List.of("subject", "message", "customer", "replies", "comments", "custom_fields").stream()
                .map(field -> ticket.get(field).toString()).toList().toString();
    }

    /**
     * Every text column of every table (read from INFORMATION_SCHEMA, so a table added later is scanned too) holding
     * one of the customer's values, as {@code table.column}.
     */
    List<String> traces() {
        var needles = List.of(name, email, phone, fieldValue, subjectWord, messageWord, fileWord, chatWord).stream()
                .map(value -> value.toLowerCase(Locale.ROOT)).toList();
        var columns = jdbc.sql("""
                select table_name, column_name from information_schema.columns
                 where lower(table_schema) = lower(current_schema)
                   and (lower(data_type) like '%char%' or lower(data_type) = 'text' or lower(data_type) like '%clob%')
                 order by table_name, column_name""")
                .query((rs, row) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        assertThat(columns.size()).as("text columns found").isGreaterThan(100);
        List<String> found = new ArrayList<>();
        for (String[] column : columns) {
            String where = String.join(" or ", needles.stream().map(needle -> "lower(c) like ?").toList());
            String sql = "select count(*) from (select cast(\"" + column[1] + "\" as varchar) as c from \"" + column[0] + "\") t where " + where;
            var query = jdbc.sql(sql);
            for (String needle : needles) {
                query = query.param("%" + needle + "%");
            }
            if (query.query(Long.class).single() > 0) {
                found.add(column[0] + "." + column[1]);
            }
        }
        return found;
    }
}
