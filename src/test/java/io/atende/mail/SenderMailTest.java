package io.atende.mail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.platform.PageRequest;
import io.atende.support.MailServers;
import io.atende.support.MailTest;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Senders per account and department, an account's own SMTP server and DKIM: what arrives at real SMTP servers
 * (GreenMail) comes from the right address, through the right server, and carries a signature that an independent
 * DKIM verifier (Apache James jDKIM) accepts with the published key.
 */
class SenderMailTest extends MailTest {

    @Autowired
    SenderManagement senders;
    @Autowired
    JdbcClient jdbc;

    @Test
    void mailComesFromTheDepartmentsSenderElseTheAccountsWhileAnotherAccountKeepsTheInstallations() throws Exception {
        var a = desk();
        var b = desk();
        String sales = a.tenant().admin().post("/department/new", "name", "Vendas").id();
        a.tenant().admin().post("/department/operator/add", "department_id", sales, "operator_id", a.operatorId());
        senders.saveAccountSender(a.accountId(), "Contato@" + a.domain(), "Acme Atendimento");
        senders.saveDepartmentSender(a.accountId(), sales, "vendas@" + a.domain(), "Acme Vendas");

        a.openTicket("Impressora parada", "Não imprime");
        openTicket(a, sales, "Orçamento", "Quanto custa?");
        b.openTicket("Outro assunto", "Olá");

        var toA = MailServers.awaitFor(a.domain(), list -> list.size() >= 2);
        assertThat(toA).extracting(SenderMailTest::from).containsExactlyInAnyOrder(
                "Acme Atendimento <contato@" + a.domain() + ">", "Acme Vendas <vendas@" + a.domain() + ">");
        assertThat(toA).allSatisfy(message -> assertThat(message.getMessageID()).endsWith("@" + a.domain() + ">"));
        var toB = MailServers.awaitFor(b.domain(), list -> !list.isEmpty());
        assertThat(((InternetAddress) toB.get(0).getFrom()[0]).getAddress()).isEqualTo("atende@desk.test");
    }

    @Test
    void anAccountsOwnSmtpServerCarriesItsMailAndItsOutageLeavesOtherAccountsAlone() throws Exception {
        var a = desk();
        var b = desk();
        var own = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        own.start();
        try {
            senders.saveAccountSmtp(a.accountId(), new SmtpSettings("127.0.0.1", own.getSmtp().getPort(), SmtpSecurity.NONE, null, null));
            var settings = senders.settings(a.accountId());
            assertThat(settings.ownSmtp()).isTrue();
            assertThat(senders.settings(b.accountId()).ownSmtp()).isFalse();

            a.openTicket("Pelo servidor da conta", "texto");
            b.openTicket("Pelo servidor da instalação", "texto");
            awaitOwn(own, a.domain());
            MailServers.awaitFor(b.domain(), list -> !list.isEmpty());
            assertThat(MailServers.receivedFor(a.domain())).isEmpty();
            assertThat(own.getReceivedMessagesForDomain(b.domain())).isEmpty();

            var test = senders.sendTestMessage(a.accountId(), "teste@" + a.domain(), Locale.ENGLISH);
            assertThat(test.accepted()).isTrue();
            assertThat(test.server()).isEqualTo("127.0.0.1:" + own.getSmtp().getPort());
            assertThat(test.answer()).startsWith("250");
        } finally {
            own.stop();
        }

        var refused = senders.sendTestMessage(a.accountId(), "teste@" + a.domain(), Locale.ENGLISH);
        assertThat(refused.accepted()).isFalse();
        assertThat(refused.answer()).contains("onnect");

        a.openTicket("Servidor fora do ar", "texto");
        b.openTicket("Segue normal", "texto");
        MailServers.awaitFor(b.domain(), list -> list.size() >= 2);
        var failed = awaitAttempt(a.accountId(), "Servidor fora do ar");
        assertThat(failed.status()).isEqualTo(MailStatus.QUEUED);
        assertThat(failed.lastError()).isNotBlank();
    }

    @Test
    void mailFromADomainWithAKeyIsSignedAndAnIndependentVerifierAcceptsItWithThePublishedRecord() throws Exception {
        var a = desk();
        senders.saveAccountSender(a.accountId(), "contato@" + a.domain(), null);
        var key = senders.saveDkimKey(a.accountId(), a.domain(), "atende2026", null);
        assertThat(key.bits()).isEqualTo(2048);
        assertThat(key.dnsName()).isEqualTo("atende2026._domainkey." + a.domain());
        assertThat(key.dnsValue()).startsWith("v=DKIM1; k=rsa; p=MIIBIj");

        a.openTicket("Assinada", "Com DKIM");
        assertThat(awaitAttempt(a.accountId(), "Assinada").lastError()).isNull();
        var received = MailServers.awaitFor(a.domain(), list -> !list.isEmpty()).get(0);
        var signatures = verify(received, key.dnsValue());
        assertThat(signatures).singleElement().satisfies(signature -> {
            assertThat(signature.getDToken()).isEqualTo(a.domain());
            assertThat(signature.getSelector()).isEqualTo("atende2026");
        });
        assertThat(received.getMessageID()).endsWith("@" + a.domain() + ">");
    }

    @Test
    void aPastedKeyInEitherPemFormSignsAndItsPublicHalfIsWhatToPublish() throws Exception {
        var a = desk();
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        senders.saveDepartmentSender(a.accountId(), a.departmentId(), "suporte@" + a.domain(), "Suporte");
        var key = senders.saveDkimKey(a.accountId(), a.domain().toUpperCase(Locale.ROOT), "s1", pem);
        assertThat(key.domain()).isEqualTo(a.domain());
        assertThat(key.dnsValue()).isEqualTo("v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));

        a.openTicket("Chave colada", "texto");
        assertThat(awaitAttempt(a.accountId(), "Chave colada").lastError()).isNull();
        var received = MailServers.awaitFor(a.domain(), list -> !list.isEmpty()).get(0);
        assertThat(verify(received, key.dnsValue())).hasSize(1);
    }

    @Test
    void badSettingsAreRefusedWithTheirReasonAndNothingIsSaved() {
        var a = desk();
        assertThatThrownBy(() -> senders.saveAccountSender(a.accountId(), "not an address", "X"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("from_address"));
        assertThatThrownBy(() -> senders.saveAccountSmtp(a.accountId(), new SmtpSettings("smtp.example.com", 70000, null, null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("smtp_port"));
        assertThatThrownBy(() -> senders.saveAccountSmtp(a.accountId(), new SmtpSettings("smtp example", null, null, null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("smtp_host"));
        assertThatThrownBy(() -> senders.saveAccountSmtp(a.accountId(), new SmtpSettings("smtp.example.com", null, null, "user", null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("smtp_password"));
        assertThatThrownBy(() -> senders.saveDkimKey(a.accountId(), a.domain(), "s1",
                "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("private_key"));
        assertThatThrownBy(() -> senders.saveDkimKey(a.accountId(), "not a domain", "s1", null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("domain"));
        assertThatThrownBy(() -> senders.saveDkimKey(a.accountId(), a.domain(), "bad selector!", null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("selector"));
        assertThatThrownBy(() -> senders.saveDepartmentSender(a.accountId(), "no-such-department", "x@" + a.domain(), null))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> senders.saveDepartmentSender(a.accountId(), a.departmentId(), "", null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("from_address"));

        var settings = senders.settings(a.accountId());
        assertThat(settings.fromAddress()).isNull();
        assertThat(settings.ownSmtp()).isFalse();
        assertThat(settings.departments()).isEmpty();
        assertThat(settings.dkimKeys()).isEmpty();
    }

    @Test
    void oneAccountNeitherSeesNorChangesAnothersSenders() {
        var a = desk();
        var b = desk();
        senders.saveAccountSender(a.accountId(), "contato@" + a.domain(), "A");
        senders.saveDepartmentSender(a.accountId(), a.departmentId(), "suporte@" + a.domain(), null);
        senders.saveDkimKey(a.accountId(), a.domain(), "s1", null);

        var seenByB = senders.settings(b.accountId());
        assertThat(seenByB.fromAddress()).isNull();
        assertThat(seenByB.departments()).isEmpty();
        assertThat(seenByB.dkimKeys()).isEmpty();
        assertThatThrownBy(() -> senders.saveDepartmentSender(b.accountId(), a.departmentId(), "x@" + b.domain(), null))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> senders.removeDepartmentSender(b.accountId(), a.departmentId())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> senders.deleteDkimKey(b.accountId(), a.domain())).isInstanceOf(NotFoundException.class);

        var kept = senders.settings(a.accountId());
        assertThat(kept.departments()).hasSize(1);
        assertThat(kept.dkimKeys()).hasSize(1);
    }

    @Test
    void theSmtpPasswordAndPrivateKeysAreStoredSealedAndNeverShownBack() {
        var a = desk();
        senders.saveAccountSmtp(a.accountId(), new SmtpSettings("smtp.example.com", 587, SmtpSecurity.STARTTLS, "desk", "smtp-pass-93841"));
        senders.saveDkimKey(a.accountId(), a.domain(), "s1", null);

        String password = jdbc.sql("select smtp_password from mail_account_sender where account_id = :account")
                .param("account", a.accountId()).query(String.class).single();
        assertThat(password).startsWith("sealed:v1:").doesNotContain("smtp-pass-93841");
        String privateKey = jdbc.sql("select private_key from mail_dkim_key where account_id = :account")
                .param("account", a.accountId()).query(String.class).single();
        assertThat(privateKey).startsWith("sealed:v1:").doesNotContain("PRIVATE KEY");
        assertThat(senders.settings(a.accountId()).toString()).doesNotContain("smtp-pass-93841");

        // A blank password keeps the stored one; without a username none is kept.
        senders.saveAccountSmtp(a.accountId(), new SmtpSettings("smtp2.example.com", null, SmtpSecurity.TLS, "desk", ""));
        var kept = senders.settings(a.accountId());
        assertThat(kept.smtpPasswordSet()).isTrue();
        assertThat(kept.smtpPort()).isEqualTo(465);
        senders.removeAccountSmtp(a.accountId());
        assertThat(senders.settings(a.accountId()).smtpPasswordSet()).isFalse();
    }

    private MailFixture desk() {
        var desk = MailFixture.create(tenants, "pt-BR");
        accounts.sendMailsForApiChanges(desk.accountId(), true);
        return desk;
    }

    private static void openTicket(MailFixture desk, String departmentId, String subject, String message) {
        var response = desk.tenant().writer().post("/ticket/new", "customer_id", desk.customerId(), "customer_id_type", "I",
                "department_id", departmentId, "subject", subject, "message", message);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    private static String from(MimeMessage message) {
        try {
            return ((InternetAddress) message.getFrom()[0]).toUnicodeString();
        } catch (jakarta.mail.MessagingException unreadable) {
            throw new AssertionError(unreadable);
        }
    }

    private static void awaitOwn(GreenMail server, String domain) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (server.getReceivedMessagesForDomain(domain).length == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nothing arrived at the account's server for " + domain);
            }
            MailServers.pause(50);
        }
    }

    private MailMessageView awaitAttempt(String accountId, String subjectPart) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            var found = mail.messages(accountId, null, null, PageRequest.of(1)).items().stream()
                    .filter(message -> message.subject().contains(subjectPart) && message.attempts() > 0).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no attempt was recorded for " + subjectPart);
            }
            MailServers.pause(50);
        }
    }

    /** Verifies the message as received with jDKIM, handing it the TXT record instead of looking it up in DNS. */
    private static List<SignatureRecord> verify(MimeMessage received, String txtRecord) throws Exception {
        var raw = new ByteArrayOutputStream();
        received.writeTo(raw);
        var verifier = new DKIMVerifier((method, selector, domain) -> List.of(txtRecord));
        var signatures = verifier.verify(new ByteArrayInputStream(raw.toByteArray()));
        assertThat(signatures).as("no valid DKIM signature").isNotNull();
        return signatures;
    }
}
