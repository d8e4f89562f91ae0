package io.atende.helpcenter;

import java.util.List;

import io.atende.support.ApiTest;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search on the help center (and through the API) finds an article by the plural or the singular of its words and
 * with or without accents, in Portuguese, English and Spanish, on H2 and on PostgreSQL alike.
 */
@ApiTest
class HelpCenterSearchLanguagesTest {

    @Autowired
    TestTenants tenants;

    Tenant tenant;
    String root;
    BrowserSession visitor;

    @BeforeEach
    void newAccount() {
        tenant = tenants.create();
        root = "/accounts/" + tenant.accountId() + "/kb";
        visitor = new BrowserSession(tenants.port());
        String help = category("Ajuda");
        article(help, "Como instalar a impressora", "<p>Ligue o cabo USB e aguarde.</p>");
        article(help, "Configuração da conta", "<p>Abra o menu de preferências.</p>");
        article(help, "Adding printers to your office", "<p>Each printer needs a driver.</p>");
        article(help, "Cómo conectar la impresora", "<p>Las canciones del sistema suenan al conectar.</p>");
        article(help, "Boletos em atraso", "<p>Pague pelo aplicativo.</p>");
    }

    @Test
    void aPortuguesePluralFindsTheSingularAndAWordWithoutAccentsFindsTheAccentedOne() {
        assertThat(search("impressoras")).containsExactly("Como instalar a impressora");
        assertThat(search("configuracao")).containsExactly("Configuração da conta");
        assertThat(search("CONFIGURAÇÕES")).containsExactly("Configuração da conta");
        assertThat(search("configuracoes")).containsExactly("Configuração da conta");
        assertThat(search("boleto")).containsExactly("Boletos em atraso");
        assertThat(search("preferencia")).containsExactly("Configuração da conta");
    }

    @Test
    void englishAndSpanishPluralsAndSingularsFindEachOther() {
        assertThat(search("printer office")).containsExactly("Adding printers to your office");
        assertThat(search("drivers")).containsExactly("Adding printers to your office");
        assertThat(search("impresoras")).containsExactly("Cómo conectar la impresora");
        assertThat(search("cancion")).containsExactly("Cómo conectar la impresora");
    }

    @Test
    void everyWordMustMatchAndTheStartOfAWordStillFindsIt() {
        assertThat(search("impress")).containsExactly("Como instalar a impressora");
        assertThat(search("impressoras cabo")).containsExactly("Como instalar a impressora");
        assertThat(search("impressoras office")).isEmpty();
        assertThat(search("xyzzy")).isEmpty();
    }

    @Test
    void theApiSearchesTheSameWay() {
        var found = tenant.reader().get("/kb/article/list", "search", "impressoras");
        assertThat(found.status()).isEqualTo(200);
        assertThat(titles(found.data())).containsExactly("Como instalar a impressora");
    }

    @Test
    void anotherAccountsArticlesAreNeverFound() {
        var other = tenants.create();
        String otherRoot = "/accounts/" + other.accountId() + "/kb";
        assertThat(visitor.get(otherRoot + "/search?q=impressoras").document().select("ol.articles h2 a").eachText()).isEmpty();
        assertThat(titles(other.reader().get("/kb/article/list", "search", "impressoras").data())).isEmpty();
    }

    private static List<String> titles(tools.jackson.databind.JsonNode items) {
        return items.valueStream().map(item -> item.get("title").asString()).toList();
    }

    private List<String> search(String query) {
        var page = visitor.get(root + "/search?q=" + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(page.status()).isEqualTo(200);
        return page.document().select("ol.articles h2 a").eachText();
    }

    private String category(String name) {
        var response = tenant.writer().post("/kb/category/new", "name", name);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.id();
    }

    private String article(String categoryId, String title, String body) {
        var response = tenant.writer().post("/kb/article/new", "category_id", categoryId, "title", title, "body", body, "published", "1");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.id();
    }
}
