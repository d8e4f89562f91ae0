package io.atende.console.mail;

import io.atende.mail.MailManagement;
import io.atende.operator.OperatorRole;
import io.atende.support.ApiTest;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Administration › Mailboxes: adding, editing and removing the addresses Atende reads. */
@ApiTest
class MailboxAdminPageTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    MailManagement mail;
    @Autowired
    io.atende.account.AccountManagement accounts;

    TestTenants.Tenant tenant;
    String department;
    BrowserSession admin;

    @BeforeEach
    void setUp() {
        tenant = tenants.create();
        department = tenant.admin().post("/department/new", "name", "Suporte").id();
        admin = tenants.signedIn(tenant.accountId(), OperatorRole.ADMIN).session();
        admin.get("/console/admin/mailboxes");
    }

    @Test
    void addsAMailboxAndNeverShowsItsPasswordAgain() {
        var added = admin.post("/console/admin/mailboxes", "department_id", department, "address", "Suporte@Example.com",
                "host", "imap.example.com", "security", "ssl", "password", "s3cret-imap-pass", "create_customers", "1", "active", "1");
        assertThat(added.redirectPath()).isEqualTo("/console/admin/mailboxes");
        var page = admin.get("/console/admin/mailboxes");
        assertThat(page.text("[role=status]")).isEqualTo("A caixa de e-mail foi adicionada.");
        assertThat(page.text("table.list tbody tr td")).isEqualTo("suporte@example.com");
        assertThat(page.body()).contains("imap.example.com:993").doesNotContain("s3cret-imap-pass");

        var box = mail.mailboxes(tenant.accountId()).get(0);
        assertThat(box.hasPassword()).isTrue();
        assertThat(box.departmentId()).isEqualTo(department);
    }

    @Test
    void showsRefusalsInPlaceAndAddsNothing() {
        var withoutCredentials = admin.post("/console/admin/mailboxes", "department_id", department, "address", "a@example.com",
                "host", "imap.example.com", "security", "ssl");
        assertThat(withoutCredentials.status()).isEqualTo(400);
        assertThat(withoutCredentials.text("p.error[role=alert]")).isNotBlank();
        assertThat(withoutCredentials.document().selectFirst("#address").attr("value")).isEqualTo("a@example.com");

        var badPort = admin.post("/console/admin/mailboxes", "department_id", department, "address", "a@example.com",
                "host", "imap.example.com", "port", "many", "password", "x");
        assertThat(badPort.status()).isEqualTo(400);
        assertThat(badPort.document().selectFirst("#port").attr("aria-invalid")).isEqualTo("true");
        assertThat(mail.mailboxes(tenant.accountId())).isEmpty();
    }

    @Test
    void editsKeepingThePasswordAndDeletes() {
        admin.post("/console/admin/mailboxes", "department_id", department, "address", "b@example.com",
                "host", "imap.example.com", "password", "first-pass", "create_customers", "1", "active", "1");
        String id = mail.mailboxes(tenant.accountId()).get(0).id();
        admin.get("/console/admin/mailboxes");
        var saved = admin.post("/console/admin/mailboxes/" + id, "flags", "1", "host", "imap2.example.com", "password", "");
        assertThat(saved.redirectPath()).isEqualTo("/console/admin/mailboxes");
        var box = mail.mailbox(tenant.accountId(), id);
        assertThat(box.active()).isFalse();
        assertThat(box.createCustomers()).isFalse();
        assertThat(box.host()).isEqualTo("imap2.example.com");
        assertThat(box.hasPassword()).isTrue();

        admin.get("/console/admin/mailboxes");
        assertThat(admin.post("/console/admin/mailboxes/" + id + "/delete").redirectPath()).isEqualTo("/console/admin/mailboxes");
        assertThat(mail.mailboxes(tenant.accountId())).isEmpty();
    }

    @Test
    void isForAdminsOfTheAccountOnly() {
        admin.post("/console/admin/mailboxes", "department_id", department, "address", "c@example.com",
                "host", "imap.example.com", "password", "pass");
        String id = mail.mailboxes(tenant.accountId()).get(0).id();

        var operator = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR).session();
        assertThat(operator.get("/console/admin/mailboxes").status()).isEqualTo(403);

        var stranger = tenants.signedIn(tenants.create().accountId(), OperatorRole.ADMIN).session();
        stranger.get("/console/admin/mailboxes");
        assertThat(stranger.post("/console/admin/mailboxes/" + id, "flags", "1").status()).isEqualTo(404);
        assertThat(stranger.post("/console/admin/mailboxes/" + id + "/delete").status()).isEqualTo(404);
        assertThat(stranger.post("/console/admin/mailboxes", "department_id", department, "address", "d@example.com",
                "host", "imap.example.com", "password", "pass").status()).isEqualTo(404);
        assertThat(mail.mailboxes(tenant.accountId())).hasSize(1);
    }

    @Test
    void anAdminSwitchesOnEMailForChangesMadeThroughTheApi() {
        assertThat(accounts.mailsForApiChanges(tenant.accountId())).isFalse();
        var page = admin.get("/console/admin/mail");
        assertThat(page.document().selectFirst("input[name=enabled]").hasAttr("checked")).isFalse();
        assertThat(admin.post("/console/admin/mail/api-changes", "enabled", "true").redirectPath()).isEqualTo("/console/admin/mail");
        assertThat(accounts.mailsForApiChanges(tenant.accountId())).isTrue();
        assertThat(admin.get("/console/admin/mail").document().selectFirst("input[name=enabled]").hasAttr("checked")).isTrue();

        admin.post("/console/admin/mail/api-changes");
        assertThat(accounts.mailsForApiChanges(tenant.accountId())).isFalse();

        var operator = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR).session();
        operator.get("/console");
        assertThat(operator.post("/console/admin/mail/api-changes", "enabled", "true").status()).isEqualTo(403);
        assertThat(accounts.mailsForApiChanges(tenant.accountId())).isFalse();
    }
}
