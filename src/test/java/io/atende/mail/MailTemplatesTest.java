package io.atende.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.atende.customeraccess.PortalPasswordResetRequested;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.platform.PageRequest;
import io.atende.support.MailServers;
import io.atende.support.MailTest;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An account writes its own subject, text and HTML for the e-mail Atende sends, per kind and language, with placeholders;
 * recipients get exactly that (in the account's branding), a reset brings back the built-in message, and a template that
 * names an unknown placeholder or leaves out a required one is refused without changing anything.
 */
class MailTemplatesTest extends MailTest {

    private static final Pattern RATING_LINK = Pattern.compile("https?://[^\\s\"<>]+/portal/mail/rating/[A-Za-z0-9_.-]+\\?(grade=[1-5]|solved=(yes|no))");

    @Autowired
    MailTemplateManagement templates;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    MailAcknowledgements acknowledgements;

    @Test
    void eachCustomerGetsTheOperatorsReplyInTheAccountsWordsInTheirOwnLanguage() throws Exception {
        var desk = MailFixture.create(tenants, "pt-BR");
        accounts.sendMailsForApiChanges(desk.accountId(), true);
        templates.save(desk.accountId(), new SaveMailTemplate(MailKind.OPERATOR_REPLIED, "pt-BR", "Resposta da {{account.name}} #{{ticket.protocol}}",
                "Oi {{customer.name}}, {{operator.name}} escreveu:\n\n{{message}}\n\nAbraços, {{department.name}}",
                "<p>Oi <b>{{customer.name}}</b>, {{operator.name}} escreveu:</p>\n{{message}}\n<p>Abraços, {{department.name}}</p>"));
        templates.save(desk.accountId(), new SaveMailTemplate(MailKind.OPERATOR_REPLIED, "en", "Answer on {{ticket.subject}} #{{ticket.protocol}}",
                "Hi {{customer.name}}, {{operator.name}} wrote:\n\n{{message}}\n\nCheers", "<p>Hi <i>{{customer.name}}</i>,</p>\n{{ message }}\n<p>Cheers</p>"));
        // No HTML: it is made from the text, one paragraph per block.
        templates.save(desk.accountId(), new SaveMailTemplate(MailKind.OPERATOR_REPLIED, "es", "Respuesta #{{ticket.protocol}}",
                "Hola {{customer.name}}:\n\n{{message}}\n\nSaludos de {{account.name}}", null));
        String account = accounts.get(desk.accountId()).name();

        Map<String, String> customers = Map.of("pt-BR", desk.customerEmail(), "en", "john@" + desk.domain(), "es", "juan@" + desk.domain());
        desk.tenant().writer().post("/customer/new", "customer_id", "EN-" + System.nanoTime(), "name", "John Smith", "email", customers.get("en"),
                "language", "en");
        desk.tenant().writer().post("/customer/new", "customer_id", "ES-" + System.nanoTime(), "name", "Juan Pérez", "email", customers.get("es"),
                "language", "es");
        Map<String, Long> protocols = new java.util.HashMap<>();
        for (var language : List.of("pt-BR", "en", "es")) {
            var opened = desk.tenant().writer().post("/ticket/new", "customer_id", customers.get(language), "customer_id_type", "E",
                    "department_id", desk.departmentId(), "subject", "Printer " + language, "message", "It does not print");
            assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
            String ticketId = opened.json().get("ticket_id").asString();
            protocols.put(language, tickets.get(desk.accountId(), ticketId).protocol());
            desk.tenant().writer().post("/ticket/operator/link", "ticket_id", ticketId, "operator_id", desk.operatorId());
            desk.tenant().writer().post("/ticket/reply/operator", "ticket_id", ticketId, "message", "Please <b>restart</b> it.");
        }

        MimeMessage pt = awaitTo(desk, customers.get("pt-BR"));
        assertThat(pt.getSubject()).isEqualTo("Resposta da " + account + " #" + protocols.get("pt-BR"));
        assertThat(text(pt)).startsWith("Oi Maria Lima, Ana Souza escreveu:\n\nPlease restart it.\n\nAbraços, Suporte")
                .contains("-- \n");
        assertThat(OutboundMailTest.part(pt, "text/html")).contains("<p>Oi <b>Maria Lima</b>, Ana Souza escreveu:</p>")
                .contains("Please <b>restart</b> it.").contains("<p>Abraços, Suporte</p>").contains(account);

        MimeMessage en = awaitTo(desk, customers.get("en"));
        assertThat(en.getSubject()).isEqualTo("Answer on Printer en #" + protocols.get("en"));
        assertThat(text(en)).startsWith("Hi John Smith, Ana Souza wrote:\n\nPlease restart it.\n\nCheers");
        assertThat(OutboundMailTest.part(en, "text/html")).contains("<p>Hi <i>John Smith</i>,</p>").contains("Please <b>restart</b> it.");

        MimeMessage es = awaitTo(desk, customers.get("es"));
        assertThat(es.getSubject()).isEqualTo("Respuesta #" + protocols.get("es"));
        assertThat(text(es)).startsWith("Hola Juan Pérez:\n\nPlease restart it.\n\nSaludos de " + account);
        assertThat(OutboundMailTest.part(es, "text/html")).contains("<p>Hola Juan Pérez:</p>").contains("Please <b>restart</b> it.")
                .contains("<p>Saludos de " + account + "</p>");
    }

    @Test
    void theFinishedMailKeepsItsRatingLinksInTheAccountsWordsAndAResetBringsBackTheBuiltInMessage() throws Exception {
        var desk = MailFixture.create(tenants, "es");
        templates.save(desk.accountId(), new SaveMailTemplate(MailKind.TICKET_FINISHED, "es", "Cerrado: {{ticket.subject}}",
                "{{customer.name}}, cerramos su ticket.\n\n{{message}}\n\n{{rating}}", "<h2>Cerrado</h2>\n{{message}}\n{{rating}}"));
        var first = finish(desk, "Factura", "Enviada de nuevo");

        MimeMessage custom = awaitTo(desk, desk.customerEmail());
        assertThat(custom.getSubject()).isEqualTo("Cerrado: Factura");
        String text = text(custom);
        assertThat(text).startsWith("Maria Lima, cerramos su ticket.\n\nEnviada de nuevo").contains("¿Cómo califica nuestra atención?");
        assertThat(RATING_LINK.matcher(text).results().count()).isEqualTo(7);
        String html = OutboundMailTest.part(custom, "text/html");
        assertThat(html).contains("<h2>Cerrado</h2>").contains("Enviada de nuevo");
        assertThat(RATING_LINK.matcher(html).results().count()).isEqualTo(7);
        assertThat(first).isNotNull();

        assertThat(templates.reset(desk.accountId(), MailKind.TICKET_FINISHED, "es")).isTrue();
        assertThat(templates.get(desk.accountId(), MailKind.TICKET_FINISHED, "es").customized()).isFalse();
        var second = finish(desk, "Contrato", "Firmado");
        java.util.function.Predicate<MimeMessage> toCustomerOfContract = m -> OutboundMailTest.to(m).equals(desk.customerEmail())
                && OutboundMailTest.subject(m).contains("Contrato");
        MimeMessage builtIn = MailServers.awaitFor(desk.domain(), list -> list.stream().anyMatch(toCustomerOfContract))
                .stream().filter(toCustomerOfContract).findFirst().orElseThrow();
        assertThat(builtIn.getSubject()).isEqualTo("[#" + second + "] Contrato - finalizado");
        assertThat(OutboundMailTest.part(builtIn, "text/plain")).contains("Hola Maria Lima").contains("Ana Souza finalizó su ticket");
    }

    @Test
    void aPasswordResetInTheAccountsWordsCarriesItsLinkAndOneWithoutTheLinkOrWithAnUnknownPlaceholderIsRefused() throws Exception {
        var desk = MailFixture.create(tenants, "en");
        var saved = new SaveMailTemplate(MailKind.PORTAL_PASSWORD_RESET, "en", "{{account.name}}: new password",
                "Hi {{customer.name}}, follow {{link}} (valid until {{link.expiry}}).", "<p>Hi {{customer.name}}, <a href=\"{{link}}\">choose it here</a>.</p>");
        templates.save(desk.accountId(), saved);
        String stored = templates.get(desk.accountId(), MailKind.PORTAL_PASSWORD_RESET, "en").html();
        assertThat(stored).contains("href=\"{{link}}\"");

        assertThatThrownBy(() -> templates.save(desk.accountId(), new SaveMailTemplate(MailKind.PORTAL_PASSWORD_RESET, "en", "Reset",
                "Hi {{customer.name}}, write to us.", null)))
                .isInstanceOf(InvalidInputException.class).hasFieldOrPropertyWithValue("parameter", "text").hasMessageContaining("missing_placeholder");
        assertThatThrownBy(() -> templates.save(desk.accountId(), new SaveMailTemplate(MailKind.PORTAL_PASSWORD_RESET, "en", "Reset",
                "{{link}}", "<p>Choose a password</p>")))
                .isInstanceOf(InvalidInputException.class).hasFieldOrPropertyWithValue("parameter", "html");
        var unknown = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidInputException.class, () -> templates.save(desk.accountId(),
                new SaveMailTemplate(MailKind.PORTAL_PASSWORD_RESET, "en", "Hi {{cliente.nome}}", "{{link}} {{ticket.protocol}} {{cliente.nome}}", null)));
        assertThat(unknown.parameter()).isEqualTo("subject");
        assertThat(List.of(unknown.arguments())).contains("{{cliente.nome}}");
        var unknownInText = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidInputException.class, () -> templates.save(desk.accountId(),
                new SaveMailTemplate(MailKind.PORTAL_PASSWORD_RESET, "en", "Hi", "{{link}} {{ticket.protocol}} {{cliente.nome}}", null)));
        assertThat(List.of(unknownInText.arguments())).contains("{{ticket.protocol}}, {{cliente.nome}}");
        assertThatThrownBy(() -> templates.save(desk.accountId(), new SaveMailTemplate(MailKind.SLA_ALERT, "en", "x", "y", null)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> templates.save(desk.accountId(), new SaveMailTemplate(MailKind.PORTAL_PASSWORD_RESET, "fr", "x", "{{link}}", null)))
                .isInstanceOf(NotFoundException.class);
        assertThat(templates.get(desk.accountId(), MailKind.PORTAL_PASSWORD_RESET, "en").html()).isEqualTo(stored);

        Instant expires = Instant.now().plus(Duration.ofDays(2));
        transactions.executeWithoutResult(status -> events.publishEvent(new PortalPasswordResetRequested(desk.accountId(), desk.customerId(),
                desk.customerEmail(), "Maria Lima", "en", "https://desk.test/portal/reset/xyz789", expires)));
        MimeMessage reset = awaitTo(desk, desk.customerEmail());
        assertThat(reset.getSubject()).isEqualTo(accounts.get(desk.accountId()).name() + ": new password");
        assertThat(text(reset)).startsWith("Hi Maria Lima, follow https://desk.test/portal/reset/xyz789 (valid until ");
        assertThat(OutboundMailTest.part(reset, "text/html")).contains("<a href=\"https://desk.test/portal/reset/xyz789\"")
                .contains(">choose it here</a>");
    }

    @Test
    void scriptsAndHandlersAreRemovedWhenSavedAndACustomersNameIsNeverMarkup() throws Exception {
        var desk = MailFixture.create(tenants, "pt-BR");
        var view = templates.save(desk.accountId(), new SaveMailTemplate(MailKind.ACKNOWLEDGEMENT, "pt-BR", "Recebido #{{ticket.protocol}}",
                "Olá {{customer.name}}",
                "<script>alert(1)</script><p onclick=\"steal()\">Olá {{customer.name}}</p><a href=\"javascript:steal()\">x</a><iframe src=\"https://evil.test\"></iframe>"));
        assertThat(view.html()).doesNotContain("script").doesNotContain("onclick").doesNotContain("javascript").doesNotContain("iframe")
                .contains("<p>Olá {{customer.name}}</p>");
        acknowledgements.save(desk.accountId(), new AcknowledgementSettings(true, null, null));
        String address = "x@" + desk.domain();
        String customerId = desk.tenant().writer().post("/customer/new", "customer_id", "X-" + System.nanoTime(),
                "name", "<img src=x onerror=alert(1)>", "email", address, "language", "pt-BR").id();
        var ticket = tickets.open(desk.accountId(), new io.atende.ticket.OpenTicket(customerId, desk.departmentId(), null, "Nota",
                "Preciso da nota", null, null, List.of(), null, null, null), io.atende.ticket.TicketChannel.PORTAL).ticket();

        MimeMessage ack = awaitTo(desk, address);
        assertThat(ack.getSubject()).isEqualTo("Recebido #" + ticket.protocol());
        String html = OutboundMailTest.part(ack, "text/html");
        assertThat(html).doesNotContain("<img").doesNotContain("<script").contains("Olá &lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void anotherAccountNeverSeesNorSendsTheTemplatesOfThisOne() throws Exception {
        var a = MailFixture.create(tenants, "en");
        var b = MailFixture.create(tenants, "en");
        accounts.sendMailsForApiChanges(b.accountId(), true);
        templates.save(a.accountId(), new SaveMailTemplate(MailKind.OPERATOR_REPLIED, "en", "From A #{{ticket.protocol}}", "A says {{message}}", null));

        assertThat(templates.get(b.accountId(), MailKind.OPERATOR_REPLIED, "en").customized()).isFalse();
        assertThat(templates.list(b.accountId())).noneMatch(MailTemplateView::customized);
        assertThat(templates.list(a.accountId())).filteredOn(MailTemplateView::customized).singleElement()
                .satisfies(view -> assertThat(view.subject()).isEqualTo("From A #{{ticket.protocol}}"));
        assertThat(templates.reset(b.accountId(), MailKind.OPERATOR_REPLIED, "en")).isFalse();
        assertThat(templates.get(a.accountId(), MailKind.OPERATOR_REPLIED, "en").customized()).isTrue();

        String ticketId = b.openTicket("Printer", "It does not print");
        b.tenant().writer().post("/ticket/operator/link", "ticket_id", ticketId, "operator_id", b.operatorId());
        b.tenant().writer().post("/ticket/reply/operator", "ticket_id", ticketId, "message", "Restart it");
        MimeMessage reply = awaitTo(b, b.customerEmail());
        assertThat(reply.getSubject()).isEqualTo("Re: [#" + tickets.get(b.accountId(), ticketId).protocol() + "] Printer");
        assertThat(OutboundMailTest.part(reply, "text/plain")).doesNotContain("A says");
    }

    @Test
    void aPreviewFillsTheTemplateForASampleTicketWithoutStoringOrSendingAnything() {
        var desk = MailFixture.create(tenants, "pt-BR");
        var preview = templates.preview(desk.accountId(), new SaveMailTemplate(MailKind.TICKET_FINISHED, "pt-BR", "Fim de {{ticket.subject}} #{{ticket.protocol}}",
                "{{customer.name}}:\n\n{{message}}\n\n{{rating}}", null));
        assertThat(preview.subject()).isEqualTo("Fim de A impressora não imprime #1042");
        assertThat(preview.text()).startsWith("Maria Lima:\n\nPode reiniciá-la").contains("Como você avalia nosso atendimento?");
        assertThat(preview.html()).contains("<p>Maria Lima:</p>").contains("/portal/rating/sample?grade=5")
                .contains(accounts.get(desk.accountId()).name());
        assertThatThrownBy(() -> templates.preview(desk.accountId(), new SaveMailTemplate(MailKind.TICKET_FINISHED, "pt-BR", "Fim", "{{message}}", null)))
                .isInstanceOf(InvalidInputException.class);
        assertThat(templates.list(desk.accountId())).noneMatch(MailTemplateView::customized);
        assertThat(mail.messages(desk.accountId(), null, null, PageRequest.of(1)).total()).isZero();
    }

    @Test
    void theStartingPointOfADefaultTemplateIsTheBuiltInMessageWithPlaceholdersAndSavesAsIs() {
        var desk = MailFixture.create(tenants, "pt-BR");
        for (var kind : templates.kinds()) {
            for (var language : templates.languages()) {
                var starter = templates.get(desk.accountId(), kind, language);
                assertThat(starter.customized()).isFalse();
                templates.preview(desk.accountId(), new SaveMailTemplate(kind, language, starter.subject(), starter.text(), starter.html()));
            }
        }
        var reply = templates.get(desk.accountId(), MailKind.OPERATOR_REPLIED, "en");
        assertThat(reply.subject()).isEqualTo("Re: [#{{ticket.protocol}}] {{ticket.subject}}");
        assertThat(reply.text()).isEqualTo("Hello {{customer.name}},\n\n{{operator.name}} answered your ticket #{{ticket.protocol}} ({{ticket.subject}}):\n\n{{message}}");
        assertThat(templates.get(desk.accountId(), MailKind.PORTAL_INVITATION, "pt-BR").html()).contains("<a href=\"{{link}}\">");
    }

    /** Finishes a new ticket of the desk's customer; answers its protocol. */
    private long finish(MailFixture desk, String subject, String message) {
        var ticket = tickets.open(desk.accountId(), new io.atende.ticket.OpenTicket(desk.customerId(), desk.departmentId(), null, subject,
                "Por favor", null, null, List.of(), desk.operatorId(), null, null));
        tickets.finish(desk.accountId(), ticket.id(), message, List.of(), null, null);
        return ticket.protocol();
    }

    /** The text body as written, without the CRLF line ends of SMTP. */
    private static String text(MimeMessage message) throws Exception {
        return OutboundMailTest.part(message, "text/plain").replace("\r\n", "\n");
    }

    private static MimeMessage awaitTo(MailFixture desk, String address) {
        return MailServers.awaitFor(desk.domain(), list -> list.stream().anyMatch(m -> OutboundMailTest.to(m).equals(address)))
                .stream().filter(m -> OutboundMailTest.to(m).equals(address)).findFirst().orElseThrow();
    }
}
