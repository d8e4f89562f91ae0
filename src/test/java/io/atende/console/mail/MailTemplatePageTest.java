package io.atende.console.mail;

import io.atende.mail.MailKind;
import io.atende.mail.MailTemplateManagement;
import io.atende.mail.MailTemplateView;
import io.atende.operator.OperatorRole;
import io.atende.support.MailTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Administration › E-mail › Templates: admins see every kind in every language as customized or default, write one with
 * its placeholders listed, preview it for a sample ticket without saving, save it, and reset it to the built-in message.
 */
class MailTemplatePageTest extends MailTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    MailTemplateManagement templates;

    @Test
    void adminsPreviewSaveAndResetATemplateAndRefusalsShowInPlaceChangingNothing() {
        var tenant = tenants.create();
        var admin = tenants.signedIn(tenant.accountId(), OperatorRole.ADMIN).session();
        assertThat(admin.get("/console/admin/mail").document().select("#templates-link").attr("href")).isEqualTo("/console/admin/mail/templates");

        var list = admin.get("/console/admin/mail/templates");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.document().select("tbody tr")).hasSize(templates.kinds().size());
        assertThat(list.document().select("#template-operator_replied a[data-language=es] .status-default")).hasSize(1);

        String editor = "/console/admin/mail/templates/operator_replied/es";
        var page = admin.get(editor);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.document().select("#template-subject").attr("value")).isEqualTo("Re: [#{{ticket.protocol}}] {{ticket.subject}}");
        assertThat(page.text("ul.placeholders")).contains("{{customer.name}}").contains("{{message}}");
        assertThat(page.document().select("ul.placeholders li:has(.required) code").text()).isEqualTo("{{message}}");
        assertThat(page.document().select("form[action$=/reset]")).isEmpty();

        var preview = admin.post(editor + "/preview", "subject", "Respuesta #{{ticket.protocol}}", "text", "Hola {{customer.name}}\n\n{{message}}",
                "html", "");
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.text("#preview-subject")).isEqualTo("Respuesta #1042");
        assertThat(preview.text("#preview-text")).contains("Hola Maria Lima");
        assertThat(preview.document().select("#preview-html").attr("srcdoc")).contains("<p>Hola Maria Lima</p>");
        assertThat(preview.document().select("#template-subject").attr("value")).isEqualTo("Respuesta #{{ticket.protocol}}");
        assertThat(templates.get(tenant.accountId(), MailKind.OPERATOR_REPLIED, "es").customized()).isFalse();

        var unknown = admin.post(editor, "subject", "Hola {{cliente}}", "text", "{{message}}", "html", "");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text("[role=alert]")).contains("{{cliente}}");
        assertThat(unknown.document().select("#template-subject").attr("value")).isEqualTo("Hola {{cliente}}");
        var missing = admin.post(editor + "/preview", "subject", "Hola", "text", "Sin mensaje", "html", "");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.text("[role=alert]")).contains("{{message}}");
        assertThat(missing.document().select("#preview")).isEmpty();
        assertThat(templates.get(tenant.accountId(), MailKind.OPERATOR_REPLIED, "es").customized()).isFalse();

        var saved = admin.post(editor, "subject", "Respuesta #{{ticket.protocol}}", "text", "Hola {{customer.name}}\r\n\r\n{{message}}",
                "html", "<p>Hola {{customer.name}}</p><script>x()</script>{{message}}");
        assertThat(saved.status()).isEqualTo(302);
        var stored = templates.get(tenant.accountId(), MailKind.OPERATOR_REPLIED, "es");
        assertThat(stored.customized()).isTrue();
        assertThat(stored.text()).isEqualTo("Hola {{customer.name}}\n\n{{message}}");
        assertThat(stored.html()).isEqualTo("<p>Hola {{customer.name}}</p>{{message}}");
        var again = admin.get(editor);
        assertThat(again.document().select("#template-html").text()).isEqualTo("<p>Hola {{customer.name}}</p>{{message}}");
        assertThat(admin.get("/console/admin/mail/templates").document()
                .select("#template-operator_replied a[data-language=es] .status-customized")).hasSize(1);

        // Another account's admin sees its own default, and its reset leaves this one's template alone.
        var other = tenants.create();
        var otherAdmin = tenants.signedIn(other.accountId(), OperatorRole.ADMIN).session();
        assertThat(otherAdmin.get(editor).document().select("#template-subject").attr("value")).isEqualTo("Re: [#{{ticket.protocol}}] {{ticket.subject}}");
        assertThat(otherAdmin.post(editor + "/reset").status()).isEqualTo(302);
        assertThat(templates.get(tenant.accountId(), MailKind.OPERATOR_REPLIED, "es").customized()).isTrue();

        var operator = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR).session();
        assertThat(operator.get("/console/admin/mail/templates").status()).isEqualTo(403);
        assertThat(operator.post(editor + "/reset").status()).isEqualTo(403);
        assertThat(admin.get("/console/admin/mail/templates/sla_alert/es").status()).isEqualTo(404);
        assertThat(admin.get("/console/admin/mail/templates/operator_replied/fr").status()).isEqualTo(404);

        assertThat(admin.post(editor + "/reset").status()).isEqualTo(302);
        assertThat(templates.list(tenant.accountId())).noneMatch(MailTemplateView::customized);
    }
}
