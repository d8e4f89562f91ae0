package io.atende.console;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.atende.account.AccountManagement;
import io.atende.account.UpdateAccount;
import io.atende.operator.OperatorRole;
import io.atende.platform.PageRequest;
import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import static io.atende.console.tickets.DeskFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every console page writes a time the same way: one pattern per language, in the account's time zone (Tokyo here,
 * far from both UTC and the server's zone), whether it is a queue's last update, a token's last use or an invitation's
 * expiry.
 */
@ApiTest
class ConsoleDatesPageTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Autowired
    TestTenants tenants;
    @Autowired
    AccountManagement accounts;

    @ParameterizedTest
    @CsvSource({"en, yyyy-MM-dd HH:mm", "pt-BR, dd/MM/yyyy HH:mm", "es, dd/MM/yyyy HH:mm"})
    void theQueueTheTokensAndAnInvitationShowTimesInOneFormatOfTheLanguageInTheAccountsZone(String language, String pattern) {
        var tenant = tenants.create();
        accounts.update(tenant.accountId(), new UpdateAccount(null, "Asia/Tokyo", null, null, language));
        var format = DateTimeFormatter.ofPattern(pattern, Locale.forLanguageTag(language)).withZone(TOKYO);
        String department = ok(tenant.admin().post("/department/new", "name", "Suporte")).id();
        String customer = ok(tenant.writer().post("/customer/new", "customer_id", "c-1", "name", "Carla", "email",
                "carla@example.com")).id();
        String ticket = ok(tenant.writer().post("/ticket/new", "customer_id", "c-1", "department_id", department, "subject",
                "Impressora", "message", "Não imprime")).json().get("ticket_id").asString();
        var admin = tenants.signedIn(tenant.accountId(), OperatorRole.ADMIN).session();

        var queue = admin.get("/console/tickets?queue=all");
        var updated = queue.document().selectFirst("#ticket-" + ticket + " time");
        assertThat(updated.text()).isEqualTo(format.format(Instant.parse(updated.attr("datetime"))));

        var tokensPage = admin.get("/console/admin/tokens");
        var used = accounts.listTokens(tenant.accountId(), PageRequest.of(1)).items().stream()
                .filter(token -> token.lastUsedAt() != null).toList();
        assertThat(used).isNotEmpty();
        for (var token : used) {
            assertThat(tokensPage.document().selectFirst("#token-" + token.id()).text()).contains(format.format(token.lastUsedAt()));
        }

        var workspace = admin.get("/console/tickets/" + ticket);
        assertThat(workspace.status()).isEqualTo(200);
        var invited = admin.htmx().post("/console/customers/" + customer + "/portal-invitation");
        String message = invited.text("#portal-access [role=status] p.ok");
        String shown = message.replaceAll(".*?(\\d[\\d/ :-]+\\d).*", "$1");
        var expiry = LocalDateTime.parse(shown, DateTimeFormatter.ofPattern(pattern)).atZone(TOKYO).toInstant();
        assertThat(Duration.between(Instant.now().plus(CustomerPortalAccess.INVITATION_VALIDITY), expiry).abs())
                .isLessThan(Duration.ofMinutes(2));
    }
}
