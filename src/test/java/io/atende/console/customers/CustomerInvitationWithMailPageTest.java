package io.atende.console.customers;

import io.atende.console.tickets.DeskFixture;
import io.atende.support.MailTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** With SMTP set up the customer card says the invitation was e-mailed, and still shows the link. */
class CustomerInvitationWithMailPageTest extends MailTest {

    @Autowired
    TestTenants tenants;

    @Test
    void saysTheInvitationWasEmailedAndStillShowsTheLink() {
        var desk = new DeskFixture(tenants);
        String ticket = desk.ticket("Acesso ao portal");
        var workspace = desk.session.get("/console/tickets/" + ticket);
        assertThat(workspace.document().select("#portal-mail-off")).isEmpty();

        var answer = desk.session.htmx().post("/console/customers/" + desk.customer + "/portal-invitation");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text("[role=status] p.ok")).startsWith("Convite criado e enviado por e-mail ao cliente")
                .doesNotContain("desligado");
        assertThat(answer.document().selectFirst("#portal-link").attr("value")).contains("token=");
    }
}
