package io.atende.console.mail;

import io.atende.mail.SenderManagement;
import io.atende.operator.OperatorRole;
import io.atende.support.ApiTest;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Administration › E-mail › Senders: the account's and departments' senders, its SMTP server and DKIM keys. */
@ApiTest
class MailSenderAdminPageTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    SenderManagement senders;

    TestTenants.Tenant tenant;
    String department;
    BrowserSession admin;

    @BeforeEach
    void setUp() {
        tenant = tenants.create();
        department = tenant.admin().post("/department/new", "name", "Vendas").id();
        admin = tenants.signedIn(tenant.accountId(), OperatorRole.ADMIN).session();
        admin.get("/console/admin/mail/senders");
    }

    @Test
    void savesTheAccountsAndADepartmentsSenderAndShowsTheSpfAndDmarcToPublish() {
        var saved = admin.post("/console/admin/mail/senders/account", "from_address", "contato@acme.example", "from_name", "Acme");
        assertThat(saved.redirectPath()).isEqualTo("/console/admin/mail/senders");
        admin.post("/console/admin/mail/senders/department", "department_id", department, "from_address", "vendas@acme-vendas.example",
                "from_name", "Acme Vendas");

        var page = admin.get("/console/admin/mail/senders");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text("[role=status]")).isEqualTo("Os remetentes foram salvos.");
        assertThat(page.document().selectFirst("#account-from-address").attr("value")).isEqualTo("contato@acme.example");
        assertThat(page.text("#sender-departments ~ table tbody td")).isEqualTo("Vendas");
        assertThat(page.body()).contains("_dmarc.acme.example").contains("_dmarc.acme-vendas.example").contains("v=spf1");
        assertThat(senders.settings(tenant.accountId()).departments()).singleElement()
                .satisfies(sender -> assertThat(sender.fromAddress()).isEqualTo("vendas@acme-vendas.example"));

        assertThat(admin.post("/console/admin/mail/senders/department/" + department + "/remove").redirectPath())
                .isEqualTo("/console/admin/mail/senders");
        assertThat(senders.settings(tenant.accountId()).departments()).isEmpty();
    }

    @Test
    void refusalsAreShownInPlaceAndSaveNothing() {
        var badAddress = admin.post("/console/admin/mail/senders/account", "from_address", "nobody", "from_name", "X");
        assertThat(badAddress.status()).isEqualTo(400);
        assertThat(badAddress.document().selectFirst("#account-from-address").attr("aria-invalid")).isEqualTo("true");
        assertThat(badAddress.text("p.error[role=alert]")).isNotBlank();

        var badPort = admin.post("/console/admin/mail/senders/smtp", "smtp_host", "smtp.example.com", "smtp_port", "99999");
        assertThat(badPort.status()).isEqualTo(400);
        assertThat(badPort.text("p.error[role=alert]")).isEqualTo("A porta deve estar entre 1 e 65535.");

        var unknownDepartment = admin.post("/console/admin/mail/senders/department", "department_id", "nope", "from_address", "a@b.example");
        assertThat(unknownDepartment.status()).isEqualTo(404);
        assertThat(unknownDepartment.text("p.error[role=alert]")).isNotBlank();

        var badKey = admin.post("/console/admin/mail/senders/dkim", "domain", "acme.example", "selector", "s1", "private_key", "garbage");
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.text("p.error[role=alert]")).contains("PEM");

        var settings = senders.settings(tenant.accountId());
        assertThat(settings.fromAddress()).isNull();
        assertThat(settings.ownSmtp()).isFalse();
        assertThat(settings.departments()).isEmpty();
        assertThat(settings.dkimKeys()).isEmpty();
    }

    @Test
    void aGeneratedKeyShowsItsDnsRecordAndTheSmtpPasswordIsNeverShownBack() {
        admin.post("/console/admin/mail/senders/smtp", "smtp_host", "smtp.acme.example", "smtp_security", "starttls",
                "smtp_username", "desk", "smtp_password", "page-smtp-pass-1");
        var made = admin.post("/console/admin/mail/senders/dkim", "domain", "acme.example", "selector", "atende", "private_key", "");
        assertThat(made.redirectPath()).isEqualTo("/console/admin/mail/senders");

        var page = admin.get("/console/admin/mail/senders");
        assertThat(page.text(".dkim-keys code.dns-name")).isEqualTo("atende._domainkey.acme.example");
        assertThat(page.text(".dkim-keys code.dns-value")).startsWith("v=DKIM1; k=rsa; p=MIIBIj");
        assertThat(page.body()).doesNotContain("page-smtp-pass-1").doesNotContain("PRIVATE KEY-----")
                .contains("smtp.acme.example");

        admin.post("/console/admin/mail/senders/dkim/delete", "domain", "acme.example");
        assertThat(senders.settings(tenant.accountId()).dkimKeys()).isEmpty();
    }

    @Test
    void anOperatorWhoIsNoAdminCannotOpenThePage() {
        var agent = tenants.signedIn(tenant.accountId(), OperatorRole.SUPERVISOR).session();
        assertThat(agent.get("/console/admin/mail/senders").status()).isEqualTo(403);
    }
}
