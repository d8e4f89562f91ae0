package io.atende.console.mail;

import io.atende.mail.AcknowledgementSettings;
import io.atende.mail.MailAcknowledgements;
import io.atende.operator.OperatorRole;
import io.atende.support.MailTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Admins switch the acknowledgement of new tickets on and write its subject and text under Administration › E-mail. */
class AcknowledgementSettingPageTest extends MailTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    MailAcknowledgements acknowledgements;

    @Test
    void adminsSaveTheSettingAndAnUnknownPlaceholderIsRefusedInPlaceChangingNothing() {
        var tenant = tenants.create();
        var admin = tenants.signedIn(tenant.accountId(), OperatorRole.ADMIN).session();
        var page = admin.get("/console/admin/mail");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.document().select("#ack-subject")).hasSize(1);
        assertThat(page.text("#acknowledgement-heading + p")).contains("{{ticket.protocol}}");

        var saved = admin.post("/console/admin/mail/acknowledgement", "enabled", "true", "subject", "Recebido [#{{ticket.protocol}}]",
                "body", "Olá {{customer.name}},\r\nrecebemos seu pedido.");
        assertThat(saved.status()).isEqualTo(302);
        var expected = new AcknowledgementSettings(true, "Recebido [#{{ticket.protocol}}]", "Olá {{customer.name}},\nrecebemos seu pedido.");
        assertThat(acknowledgements.settings(tenant.accountId())).isEqualTo(expected);
        assertThat(admin.get("/console/admin/mail").document().select("#ack-subject").attr("value")).isEqualTo("Recebido [#{{ticket.protocol}}]");

        var refused = admin.post("/console/admin/mail/acknowledgement", "enabled", "true", "subject", "Oi {{cliente}}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("[role=alert]")).contains("{{cliente}}");
        assertThat(refused.document().select("#ack-subject").attr("value")).isEqualTo("Oi {{cliente}}");
        assertThat(acknowledgements.settings(tenant.accountId())).isEqualTo(expected);

        var operator = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR).session();
        assertThat(operator.post("/console/admin/mail/acknowledgement", "enabled", "false").status()).isEqualTo(403);
        assertThat(acknowledgements.settings(tenant.accountId()).enabled()).isTrue();
    }
}
