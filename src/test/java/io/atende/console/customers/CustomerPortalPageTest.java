package io.atende.console.customers;

import io.atende.console.tickets.DeskFixture;
import io.atende.operator.OperatorRole;
import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The customer card's portal section in the ticket workspace: invitations and the organization-manager flag. */
@ApiTest
class CustomerPortalPageTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    CustomerPortalAccess portal;

    DeskFixture desk;

    @BeforeEach
    void setUp() {
        desk = new DeskFixture(tenants);
    }

    @Test
    void invitesTheCustomerFromTheTicketAndShowsTheLinkToPassOn() {
        String ticket = desk.ticket("Acesso ao portal");
        var workspace = desk.session.get("/console/tickets/" + ticket);
        assertThat(workspace.document().select("#portal-access button").eachText()).contains("Convidar para o portal");

        var answer = desk.session.htmx().post("/console/customers/" + desk.customer + "/portal-invitation");
        assertThat(answer.status()).isEqualTo(200);
        String link = answer.document().selectFirst("#portal-link").attr("value");
        assertThat(link).contains("/portal/password?account=" + desk.tenant.accountId()).contains("token=");
        assertThat(answer.text("[role=status] p.ok")).startsWith("Convite criado.").contains("O e-mail está desligado");
    }

    @Test
    void theTicketPagesInvitationFormPostsForTheTicketsCustomer() {
        String ticket = desk.ticket("Acesso ao portal");
        var workspace = desk.session.get("/console/tickets/" + ticket);
        var form = workspace.document().selectFirst("#portal-access form");
        assertThat(form.attr("action")).isEqualTo("/console/customers/" + desk.customer + "/portal-invitation");
        assertThat(form.attr("hx-post")).isEqualTo("/console/customers/" + desk.customer + "/portal-invitation");
        assertThat(workspace.text("#portal-mail-off")).startsWith("O e-mail está desligado");
    }

    @Test
    void refusesInPlaceToInviteACustomerWithoutAnEmailAddress() {
        String withoutEmail = desk.tenant.writer().post("/customer/new", "customer_id", "NO-MAIL-1", "name", "Sem E-mail").id();
        desk.session.get("/console");
        var answer = desk.session.htmx().post("/console/customers/" + withoutEmail + "/portal-invitation");
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.text("#portal-access [role=alert]")).isNotBlank();
        assertThat(answer.document().select("#portal-link")).isEmpty();
    }

    @Test
    void letsAnOperatorMarkTheCustomerAsTheOrganizationsManagerAndBack() {
        desk.session.get("/console");
        var made = desk.session.htmx().post("/console/customers/" + desk.customer + "/organization-manager", "manager", "true");
        assertThat(made.status()).isEqualTo(200);
        assertThat(portal.isOrganizationManager(desk.tenant.accountId(), desk.customer)).isTrue();
        assertThat(made.text("#portal-access span")).isEqualTo("Vê os chamados da sua organização.");

        desk.session.htmx().post("/console/customers/" + desk.customer + "/organization-manager", "manager", "false");
        assertThat(portal.isOrganizationManager(desk.tenant.accountId(), desk.customer)).isFalse();
    }

    @Test
    void anotherAccountsCustomerIsNotFound() {
        var other = tenants.create();
        var stranger = tenants.signedIn(other.accountId(), OperatorRole.OPERATOR).session();
        assertThat(stranger.post("/console/customers/" + desk.customer + "/portal-invitation").status()).isEqualTo(404);
        assertThat(stranger.post("/console/customers/" + desk.customer + "/organization-manager", "manager", "true").status())
                .isEqualTo(404);
        assertThat(portal.isOrganizationManager(desk.tenant.accountId(), desk.customer)).isFalse();
    }

    @Test
    void refusesAnInvitationWithoutACsrfToken() {
        desk.session.get("/console");
        assertThat(desk.session.postWithoutCsrf("/console/customers/" + desk.customer + "/portal-invitation").status()).isEqualTo(403);
    }
}
