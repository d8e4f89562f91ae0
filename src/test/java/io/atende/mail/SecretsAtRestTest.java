package io.atende.mail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.atende.customeraccess.PortalInvitationIssued;
import io.atende.customeraccess.WidgetIdentity;
import io.atende.operator.OperatorRole;
import io.atende.platform.PageRequest;
import io.atende.platform.SealedSecrets;
import io.atende.platform.SecretBox;
import io.atende.support.AuthenticatorApp;
import io.atende.support.BrowserSession;
import io.atende.support.MailServers;
import io.atende.support.MailTest;
import io.atende.support.WebhookReceiver;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets at rest: what the database holds of webhook secrets, mailbox passwords, two-factor keys, the reply-address
 * secret and links waiting in the outbox reveals none of them (the raw columns are read as a dump would), and each still does its work.
 */
class SecretsAtRestTest extends MailTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    SecretBox box;
    @Autowired
    List<SealedSecrets> sealedSecrets;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    WidgetIdentity widgetIdentity;
    @Autowired
    ReplyTokens replyTokens;
    @Autowired
    MailRepository mailRepository;

    @Test
    void aWebhookSecretIsStoredSealedAndDeliveriesAreStillSignedWithIt() throws Exception {
        var tenant = tenants.create();
        String secret = "tt-secret-" + System.nanoTime();
        try (var receiver = new WebhookReceiver()) {
            var created = tenant.admin().post("/webhook/new", "url", receiver.url(), "format", "tomticket", "events", "customer.created",
                    "secret", secret);
            assertThat(created.status()).as(created.toString()).isEqualTo(200);

            String stored = jdbc.sql("select secret from webhook_subscription where account_id = :account")
                    .param("account", tenant.accountId()).query(String.class).single();
            assertThat(stored).startsWith("sealed:v1:" + box.currentKeyId() + ":").doesNotContain(secret);

            tenant.writer().post("/customer/new", "customer_id", "c1", "name", "Customer");
            var request = receiver.awaitCount(1).get(0);
            String base64Body = Base64.getEncoder().encodeToString(request.body());
            assertThat(request.header("X-Hub-Signature")).isEqualTo("sha1=" + hmac(secret, base64Body));
        }
    }

    @Test
    void aWebhookSecretStoredBeforeEncryptionIsSealedByTheStartupStepAndStillSigns() throws Exception {
        var tenant = tenants.create();
        String secret = "plain-" + System.nanoTime();
        try (var receiver = new WebhookReceiver()) {
            String id = tenant.admin().post("/webhook/new", "url", receiver.url(), "format", "tomticket", "events", "customer.created",
                    "secret", "to-be-replaced").id();
            // As an older version left it: the secret in plaintext.
            jdbc.sql("update webhook_subscription set secret = :secret where account_id = :account and id = :id")
                    .param("secret", secret).param("account", tenant.accountId()).param("id", id).update();

            sealedSecrets.forEach(holder -> holder.sealAgain(box));

            String stored = jdbc.sql("select secret from webhook_subscription where account_id = :account and id = :id")
                    .param("account", tenant.accountId()).param("id", id).query(String.class).single();
            assertThat(stored).startsWith("sealed:v1:").doesNotContain(secret);
            tenant.writer().post("/customer/new", "customer_id", "c1", "name", "Customer");
            var request = receiver.awaitCount(1).get(0);
            assertThat(request.header("X-Hub-Signature")).isEqualTo("sha1=" + hmac(secret, Base64.getEncoder().encodeToString(request.body())));
        }
    }

    @Test
    void aMailboxPasswordIsStoredSealedAndTheMailboxIsStillRead() {
        var desk = MailFixture.create(tenants, "en");
        String address = "help@" + desk.domain();
        String password = "imap-secret-" + desk.domain();
        MailServers.mailbox(address, password);
        mail.createMailbox(desk.accountId(), new MailboxSettings(desk.departmentId(), address, "127.0.0.1", MailServers.imapsPort(),
                MailboxSecurity.SSL, null, password, null, null, true, null));

        var stored = jdbc.sql("select password, access_token from mail_mailbox where account_id = :account")
                .param("account", desk.accountId()).query().singleRow();
        assertThat((String) stored.get("password")).startsWith("sealed:v1:").doesNotContain(password);
        assertThat(stored.get("access_token")).isNull();

        Mails.deliver(address, Mails.text("joao@" + desk.domain(), address, "Boleto", "Bom dia", "<sealed." + desk.domain() + "@client.test>"));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (mail.received(desk.accountId(), PageRequest.of(1)).items().stream().noneMatch(view -> view.outcome().equals("ticket_created"))) {
            assertThat(System.nanoTime()).as("the mailbox was read with its sealed password").isLessThan(deadline);
            MailServers.pause(50);
        }
    }

    @Test
    void aTwoFactorKeyIsStoredSealedAndItsCodesStillSignIn() {
        var tenant = tenants.create();
        var operator = tenants.operator(tenant.accountId(), OperatorRole.OPERATOR);
        var session = tenants.signIn(operator);
        session.get("/console/profile");
        session.post("/console/profile/two-factor");
        String key = session.get("/console/profile/two-factor").text("#two-factor-secret").replace(" ", "");
        var app = new AuthenticatorApp(key);
        assertThat(session.post("/console/profile/two-factor/confirm", "code", app.now()).status()).isEqualTo(200);

        String stored = jdbc.sql("select secret from operator_two_factor where account_id = :account and operator_id = :operator")
                .param("account", tenant.accountId()).param("operator", operator.id()).query(String.class).single();
        assertThat(stored).startsWith("sealed:v1:").doesNotContain(key);

        var browser = new BrowserSession(tenants.port());
        browser.get("/console/sign-in");
        assertThat(browser.post("/console/sign-in", "email", operator.email(), "password", operator.password()).redirectPath())
                .isEqualTo("/console/sign-in/code");
        browser.get("/console/sign-in/code");
        assertThat(browser.post("/console/sign-in/code", "code", app.next()).redirectPath()).isEqualTo("/console");
        assertThat(browser.get("/console").status()).isEqualTo(200);
    }

    @Test
    void theWidgetIdentitySecretIsStoredSealedAndStillReadBack() {
        var tenant = tenants.create();
        String secret = widgetIdentity.regenerate(tenant.accountId());
        String stored = jdbc.sql("select secret from portal_widget_identity where account_id = :account")
                .param("account", tenant.accountId()).query(String.class).single();
        assertThat(stored).startsWith("sealed:v1:").doesNotContain(secret);
        assertThat(widgetIdentity.secret(tenant.accountId())).hasValue(secret);
    }

    @Test
    void theReplyAddressSecretIsStoredSealedAndAnotherNodeSignsWithTheSameKey() {
        String address = replyTokens.replyAddress("help@desk.test", "account-1", "0123456789abcdef0123456789abcdef", 42, "customer-1")
                .orElseThrow();
        String stored = jdbc.sql("select reply_secret from mail_installation where id = 1").query(String.class).single();
        assertThat(stored).startsWith("sealed:v1:" + box.currentKeyId() + ":");
        String secret = box.open(stored);
        assertThat(Base64.getDecoder().decode(secret)).hasSize(32);
        assertThat(stored).doesNotContain(secret);

        // A node starting afresh reads the sealed secret back: its addresses are the same, and each verifies the other's.
        var otherNode = new ReplyTokens(mailRepository, transactionManager);
        assertThat(otherNode.replyAddress("help@desk.test", "account-1", "0123456789abcdef0123456789abcdef", 42, "customer-1"))
                .hasValue(address);
        var token = ReplyTokens.parse(address).orElseThrow();
        assertThat(otherNode.verify(token, "account-1", "0123456789abcdef0123456789abcdef", "customer-1")).isTrue();
        assertThat(otherNode.verify(token, "account-1", "0123456789abcdef0123456789abcdef", "customer-2")).isFalse();
    }

    @Test
    void aReplyAddressSecretStoredBeforeEncryptionIsSealedByTheStartupStepAndStillSigns() {
        String address = replyTokens.replyAddress("help@desk.test", "account-1", "0123456789abcdef0123456789abcdef", 42, "customer-1")
                .orElseThrow();
        String secret = box.open(jdbc.sql("select reply_secret from mail_installation where id = 1").query(String.class).single());
        // As an older version left it: the secret in plaintext.
        jdbc.sql("update mail_installation set reply_secret = :secret where id = 1").param("secret", secret).update();

        sealedSecrets.forEach(holder -> holder.sealAgain(box));

        String stored = jdbc.sql("select reply_secret from mail_installation where id = 1").query(String.class).single();
        assertThat(stored).startsWith("sealed:v1:" + box.currentKeyId() + ":").doesNotContain(secret);
        assertThat(new ReplyTokens(mailRepository, transactionManager)
                .replyAddress("help@desk.test", "account-1", "0123456789abcdef0123456789abcdef", 42, "customer-1")).hasValue(address);
    }

    @Test
    void anInvitationLinkIsSealedWhileItWaitsAndGoneFromTheOutboxOnceSent() throws Exception {
        var desk = MailFixture.create(tenants, "en");
        String link = "https://desk.test/portal/invite/secret" + System.nanoTime();
        MailServers.stopSmtp();
        try {
            new TransactionTemplate(transactionManager).executeWithoutResult(status -> events.publishEvent(new PortalInvitationIssued(
                    desk.accountId(), desk.customerId(), desk.customerEmail(), "Maria Lima", "en", link, Instant.now().plus(Duration.ofDays(2)))));
            var waiting = awaitMessage(desk.accountId(), row -> true);
            assertThat(waiting.text() + waiting.html()).doesNotContain(link).contains("sealed:v1:");
        } finally {
            MailServers.startSmtp();
        }
        var received = MailServers.awaitFor(desk.domain(), list -> list.stream().anyMatch(m -> OutboundMailTest.to(m).equals(desk.customerEmail())));
        assertThat(OutboundMailTest.part(received.get(0), "text/plain")).contains(link);

        var sent = awaitMessage(desk.accountId(), row -> row.status().equals("sent"));
        assertThat(sent.text()).doesNotContain(link).doesNotContain("sealed:").contains("removed once the message was sent");
        assertThat(sent.html()).isNull();
        // Sending it again would send no link: refused with the reason.
        var again = org.assertj.core.api.Assertions.catchThrowable(() -> mail.sendAgain(desk.accountId(), sent.id()));
        assertThat(again).isInstanceOf(io.atende.platform.RuleViolationException.class).hasMessageContaining("mail.link_removed_after_sending");
    }

    record Stored(String id, String status, String text, String html) {
    }

    private Stored awaitMessage(String accountId, java.util.function.Predicate<Stored> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            var rows = jdbc.sql("select id, status, text_body, html_body from mail_message where account_id = :account and kind = 'portal_invitation'")
                    .param("account", accountId)
                    .query((rs, n) -> new Stored(rs.getString("id"), rs.getString("status"), rs.getString("text_body"), rs.getString("html_body")))
                    .list();
            if (rows.size() == 1 && condition.test(rows.get(0))) {
                return rows.get(0);
            }
            assertThat(System.nanoTime()).as("outbox rows: " + rows).isLessThan(deadline);
            MailServers.pause(50);
        }
    }

    private static String hmac(String secret, String content) throws Exception {
        var mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.US_ASCII)));
    }
}
