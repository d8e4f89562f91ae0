package io.atende.ticket;

import io.atende.operator.OperatorRole;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ticket module's reply drafts, one per operator and ticket, on the real database. */
@ApiTest
class ReplyDraftsTest {

    @Autowired
    TestTenants tenants;

    @Autowired
    ReplyDrafts drafts;

    String account;
    String ticket;
    String ana;
    String bruno;

    @BeforeEach
    void aTicketAndTwoOperators() {
        var tenant = tenants.create();
        account = tenant.accountId();
        String department = tenant.admin().post("/department/new", "name", "Suporte").id();
        tenant.writer().post("/customer/new", "customer_id", "c-1", "name", "Carla", "email", "carla@example.com");
        ticket = tenant.writer().post("/ticket/new", "customer_id", "c-1", "department_id", department, "subject", "Impressora",
                "message", "Parou").json().get("ticket_id").asString();
        ana = tenants.operator(account, OperatorRole.OPERATOR).id();
        bruno = tenants.operator(account, OperatorRole.OPERATOR).id();
    }

    @Test
    void keepsTheLatestDraftOfEachOperatorSanitizedAsAMessage() {
        drafts.save(account, ticket, ana, "Primeira versão");
        var saved = drafts.save(account, ticket, ana, "<p><b>Segunda</b></p><script>steal()</script><a href=\"javascript:x\" onclick=\"y\">link</a>");
        drafts.save(account, ticket, bruno, "Do Bruno");

        var found = drafts.find(account, ticket, ana).orElseThrow();
        assertThat(found.body()).isEqualTo(saved.orElseThrow().body()).contains("<b>Segunda</b>")
                .doesNotContain("script", "javascript:", "onclick");
        assertThat(found.html()).isTrue();
        assertThat(drafts.find(account, ticket, bruno).orElseThrow().body()).isEqualTo("Do Bruno");
        assertThat(drafts.find(account, ticket, bruno).orElseThrow().html()).isFalse();
    }

    @Test
    void anEmptyDraftOrOneOfOnlyEmptyMarkupIsDiscarded() {
        drafts.save(account, ticket, ana, "Algo");

        assertThat(drafts.save(account, ticket, ana, "<p><br></p>")).isEmpty();
        assertThat(drafts.find(account, ticket, ana)).isEmpty();
        drafts.save(account, ticket, ana, "Algo");
        drafts.discard(account, ticket, ana);
        assertThat(drafts.find(account, ticket, ana)).isEmpty();
    }

    @Test
    void refusesADraftLongerThanAMessageAndKeepsTheOneBefore() {
        drafts.save(account, ticket, ana, "Antes");

        assertThatThrownBy(() -> drafts.save(account, ticket, ana, "x".repeat(TicketManagement.MAX_MESSAGE + 1)))
                .isInstanceOf(InvalidInputException.class);
        assertThat(drafts.find(account, ticket, ana).orElseThrow().body()).isEqualTo("Antes");
    }

    @Test
    void anotherAccountNeitherSeesNorWritesDraftsOnTheTicket() {
        drafts.save(account, ticket, ana, "Meu");
        String other = tenants.create().accountId();
        String intruder = tenants.operator(other, OperatorRole.OPERATOR).id();

        assertThatThrownBy(() -> drafts.save(other, ticket, intruder, "Intruso")).isInstanceOf(NotFoundException.class);
        assertThat(drafts.find(other, ticket, ana)).isEmpty();
        drafts.discard(other, ticket, ana);
        assertThat(drafts.find(account, ticket, ana).orElseThrow().body()).isEqualTo("Meu");
    }
}
