package io.atende.console.admin;

import java.util.List;

import io.atende.operator.OperatorRole;
import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.customeraccess.WidgetIdentity;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/** Administration › Customer portal: self-registration, the widget's sites and the logo. */
@ApiTest
class PortalAdminPageTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    CustomerPortalAccess portal;
    @Autowired
    WidgetIdentity identity;
    @Value("${atende.public-url}")
    String publicUrl;

    @Test
    void anAdminSavesThePortalSettings() {
        var tenant = tenants.create();
        var admin = tenants.signedIn(tenant.accountId(), OperatorRole.ADMIN).session();
        var index = admin.get("/console/admin");
        assertThat(index.document().select("a[href=/console/admin/portal]")).hasSize(1);
        assertThat(index.document().select("a[href=/console/admin/mail]")).hasSize(1);

        admin.get("/console/admin/portal");
        var saved = admin.post("/console/admin/portal", "self_registration", "true",
                "allowed_sites", "https://www.example.com\nhttps://loja.example.com:8443/", "logo_url", "https://cdn.example.com/logo.png");
        assertThat(saved.redirectPath()).isEqualTo("/console/admin/portal");
        var page = admin.get("/console/admin/portal");
        assertThat(page.text("[role=status]")).isEqualTo("As configurações do portal foram salvas.");
        assertThat(page.document().select("nav:not(.admin-nav) a[aria-current=page]").eachAttr("href")).containsExactly("/console/admin");
        assertThat(page.document().select("nav.admin-nav a[aria-current=page]").eachAttr("href")).containsExactly("/console/admin/portal");
        assertThat(admin.get("/console").document().select("nav a[aria-current]")).isEmpty();
        assertThat(page.document().selectFirst("#allowed_sites").text()).contains("https://loja.example.com:8443");

        var settings = portal.settings(tenant.accountId());
        assertThat(settings.selfRegistration()).isTrue();
        assertThat(settings.allowedSites()).isEqualTo(List.of("https://www.example.com", "https://loja.example.com:8443"));
        assertThat(settings.logoUrl()).isEqualTo("https://cdn.example.com/logo.png");
    }

    @Test
    void showsTheWidgetEmbedCodeForEachDepartmentReadyToPasteWithACopyButton() {
        var tenant = tenants.create();
        var admin = tenants.signedIn(tenant.accountId(), OperatorRole.ADMIN).session();
        assertThat(admin.get("/console/admin/portal").text("#widget-embed")).contains("crie um departamento primeiro");
        String support = tenant.admin().post("/department/new", "name", "Suporte").id();
        String sales = tenant.admin().post("/department/new", "name", "Vendas").id();

        var page = admin.get("/console/admin/portal");

        var embed = page.document().selectFirst("#widget-embed");
        var code = embed.selectFirst("textarea#widget-snippet[readonly]");
        assertThat(page.document().select("label[for=widget-snippet]").text()).isEqualTo("Código para colar");
        assertThat(code.text()).isEqualTo("<script src=\"" + publicUrl + "/widget.js\" data-account=\"" + tenant.accountId()
                + "\" data-department=\"" + support + "\" async></script>");
        assertThat(embed.select("#embed-department option").eachAttr("value")).containsExactly(support, sales);
        assertThat(embed.selectFirst("#embed-department option[value=" + sales + "]").attr("data-snippet")).contains("data-department=\"" + sales + "\"");
        assertThat(embed.selectFirst("button#copy-widget-snippet[type=button]").attr("data-copies")).isEqualTo("widget-snippet");
        // The page's script is a file, not inline code.
        assertThat(page.document().select("script:not([src])")).isEmpty();
        assertThat(admin.get("/console/admin/portal?department=" + sales).document().selectFirst("#widget-snippet").text())
                .contains("data-department=\"" + sales + "\"");
    }

    @Test
    void showsARefusedSiteInPlaceAndSavesNothing() {
        var tenant = tenants.create();
        var admin = tenants.signedIn(tenant.accountId(), OperatorRole.ADMIN).session();
        admin.get("/console/admin/portal");
        var refused = admin.post("/console/admin/portal", "allowed_sites", "ftp://files.example.com", "logo_url", "");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("p.error[role=alert]")).isNotBlank();
        assertThat(refused.document().selectFirst("#allowed_sites").attr("aria-invalid")).isEqualTo("true");
        assertThat(portal.settings(tenant.accountId()).allowedSites()).isEmpty();
    }

    @Test
    void anAdminGeneratesTheChatIdentityVerificationSecretAndReplacesIt() {
        var tenant = tenants.create();
        var admin = tenants.signedIn(tenant.accountId(), OperatorRole.ADMIN).session();
        var page = admin.get("/console/admin/portal");
        assertThat(page.document().select("#identity-secret")).isEmpty();
        assertThat(page.text("#identity button")).isEqualTo("Gerar um segredo");

        assertThat(admin.post("/console/admin/portal/identity-secret").redirectPath()).isEqualTo("/console/admin/portal");
        page = admin.get("/console/admin/portal");
        String first = page.document().selectFirst("#identity-secret").attr("value");
        assertThat(first).isEqualTo(identity.secret(tenant.accountId()).orElseThrow()).hasSizeGreaterThan(40);
        assertThat(page.text("[role=status]")).startsWith("Um novo segredo de verificação de identidade foi gerado");

        admin.post("/console/admin/portal/identity-secret");
        assertThat(identity.secret(tenant.accountId())).isPresent().get().isNotEqualTo(first);

        var operator = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR).session();
        operator.get("/console");
        assertThat(operator.post("/console/admin/portal/identity-secret").status()).isEqualTo(403);
    }

    @Test
    void isForAdminsOnly() {
        var tenant = tenants.create();
        var operator = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR).session();
        assertThat(operator.get("/console/admin/portal").status()).isEqualTo(403);
        operator.get("/console");
        assertThat(operator.post("/console/admin/portal", "self_registration", "true").status()).isEqualTo(403);
        assertThat(portal.settings(tenant.accountId()).selfRegistration()).isFalse();
    }
}
