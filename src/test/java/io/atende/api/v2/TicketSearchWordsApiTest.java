package io.atende.api.v2;

import java.util.List;

import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static io.atende.api.v2.TicketFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A search word matches every word it starts, however the server answers it: on PostgreSQL a word that starts
 * at most the expansion limit of the account's words (2 here) is searched as those whole words, a word that
 * starts more as a prefix. Either way the results are the same, and only the account's own words count.
 */
@ApiTest
@TestPropertySource(properties = "atende.tickets.search-expansion-limit=2")
class TicketSearchWordsApiTest {

    @Autowired
    TestTenants tenants;

    TicketFixture fx;

    @BeforeEach
    void anAccountWithTickets() {
        fx = new TicketFixture(tenants.create());
    }

    private static List<Long> protocols(TicketFixture fixture, String... params) {
        return fixture.listedProtocols(params);
    }

    @Test
    void findsEveryWordAPrefixStartsWhetherFewOrMany() {
        fx.openTicket("subject", "Impressora", "message", "Papel preso");
        fx.openTicket("subject", "Impressoras", "message", "Duas paradas");
        fx.openTicket("subject", "Impressão", "message", "Sai borrada");
        fx.openTicket("subject", "Rede", "message", "Sem sinal");

        // "impressora" starts two words (impressora, impressoras), within the limit
        assertThat(protocols(fx, "search", "impressora")).containsExactly(2L, 1L);
        // "impress" starts three, beyond it
        assertThat(protocols(fx, "search", "impress")).containsExactly(3L, 2L, 1L);
        assertThat(protocols(fx, "search", "impress papel")).containsExactly(1L);
        assertThat(protocols(fx, "search", "impress sinal")).isEmpty();
        assertThat(protocols(fx, "search", "impressoras")).containsExactly(2L);
        assertThat(protocols(fx, "search", "impressorasx")).isEmpty();
    }

    @Test
    void findsWordsThatRepliesAndCommentsBringByTheirPrefix() {
        String ticket = fx.openTicket("subject", "Lentidão", "message", "O sistema está lento");
        ok(fx.tenant.writer().post("/ticket/operator/link", "ticket_id", ticket, "operator_id", fx.operator));
        assertThat(protocols(fx, "search", "servid")).isEmpty();

        ok(fx.tenant.writer().post("/ticket/reply/operator", "ticket_id", ticket, "message", "Reiniciamos o servidor"));
        ok(fx.tenant.writer().post("/ticket/comment", "ticket_id", ticket, "comment", "Quarta vez: trocar o hardware"));

        assertThat(protocols(fx, "search", "servid")).containsExactly(1L);
        assertThat(protocols(fx, "search", "hardw lent")).containsExactly(1L);
    }

    @Test
    void expandsAWordOnlyIntoTheAccountsOwnWords() {
        var other = new TicketFixture(tenants.create());
        other.openTicket("subject", "Catraca", "message", "Catracas travadas");
        fx.openTicket("subject", "Cadeira", "message", "Quebrou");

        assertThat(protocols(fx, "search", "catrac")).isEmpty();
        assertThat(protocols(fx, "search", "ca")).containsExactly(1L);
        assertThat(protocols(other, "search", "ca")).containsExactly(1L);
        assertThat(protocols(other, "search", "cadeira")).isEmpty();
    }
}
