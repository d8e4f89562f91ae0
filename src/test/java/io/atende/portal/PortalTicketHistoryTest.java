package io.atende.portal;

import java.util.List;

import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.platform.Actor;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;
import io.atende.ticket.Situation;
import io.atende.ticket.TicketChannel;
import io.atende.ticket.TicketField;
import io.atende.ticket.TicketHistoryEntry;
import io.atende.ticket.TicketManagement;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/api.md, Ticket history: what a customer does in the portal is recorded in their name, through the portal. */
@ApiTest
class PortalTicketHistoryTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    CustomerPortalAccess access;
    @Autowired
    TicketManagement tickets;

    @Test
    void theCustomersOpeningReplyAndEvaluationAreRecordedInTheirName() {
        var fixtures = new PortalFixtures(tenants, access);
        var tenant = tenants.create();
        String department = tenant.admin().post("/department/new", "name", "Suporte").id();
        String operator = tenant.admin().post("/operator/new", "name", "Ana", "email", "ana" + System.nanoTime() + "@example.com").id();
        tenant.admin().post("/department/operator/add", "department_id", department, "operator_id", operator);
        String email = "maria" + System.nanoTime() + "@example.com";
        String customer = fixtures.customer(tenant, "Maria Lima", email, "language", "en");
        var browser = fixtures.signedIn(tenant.accountId(), customer, email);

        var opened = browser.postMultipart("/portal/tickets", List.of(), "department_id", department, "subject", "Boleto",
                "message", "Preciso do boleto");
        assertThat(opened.status()).as(opened.body()).isEqualTo(302);
        String ticket = tenant.reader().get("/ticket/list").data().get(0).get("id").asString();
        tenant.writer().post("/ticket/operator/link", "ticket_id", ticket, "operator_id", operator);
        tenant.writer().post("/ticket/reply/operator", "ticket_id", ticket, "message", "Segue");
        assertThat(browser.postMultipart("/portal/tickets/" + ticket + "/reply", List.of(), "message", "Obrigada").status())
                .isEqualTo(302);
        tenant.writer().post("/ticket/finish", "ticket_id", ticket, "message", "Resolvido");
        assertThat(browser.post("/portal/tickets/" + ticket + "/evaluation", "grade", "5").status()).isEqualTo(302);

        var history = tickets.history(tenant.accountId(), ticket);
        var customerActor = Actor.customer(customer, "Maria Lima");
        var byCustomer = history.stream().filter(entry -> entry.actor().equals(customerActor)).toList();
        assertThat(byCustomer).extracting(TicketHistoryEntry::field)
                .containsExactly(TicketField.OPENED, TicketField.SITUATION, TicketField.EVALUATION);
        assertThat(byCustomer).extracting(TicketHistoryEntry::channel).containsOnly(TicketChannel.PORTAL);
        assertThat(byCustomer.get(1).oldValue()).isEqualTo(Situation.AWAITING_CUSTOMER.name());
        assertThat(byCustomer.get(1).newValue()).isEqualTo(Situation.AWAITING_OPERATOR.name());
        assertThat(byCustomer.get(2).newValue()).isEqualTo("5");
        assertThat(history).filteredOn(entry -> !entry.actor().equals(customerActor))
                .allSatisfy(entry -> assertThat(entry.actor().kind()).isEqualTo(Actor.Kind.API_TOKEN));
        assertThat(history).extracting(TicketHistoryEntry::seq).containsExactly(1, 2, 3, 4, 5, 6, 7);
    }
}
