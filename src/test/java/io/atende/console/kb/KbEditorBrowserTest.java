package io.atende.console.kb;

import io.atende.knowledge.ArticleDraft;
import io.atende.knowledge.CategoryDraft;
import io.atende.knowledge.KnowledgeBase;
import io.atende.operator.OperatorRole;
import io.atende.support.ApiTest;
import io.atende.support.Browser;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Operator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The knowledge-base editor in headless Chromium: the rich-text body, the summary that follows it, the "published" box. */
@ApiTest
class KbEditorBrowserTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    KnowledgeBase knowledge;

    String accountId;
    String category;
    Operator operator;
    String base;

    @BeforeEach
    void newAccount() {
        accountId = tenants.create().accountId();
        category = knowledge.createCategory(accountId, new CategoryDraft("Conta", null, null, null)).id();
        operator = tenants.operator(accountId, OperatorRole.OPERATOR);
        base = "http://localhost:" + tenants.port();
    }

    @Test
    void thePublishedBoxIsVisibleAndClickableBelowTheEditorHoweverLongTheText() {
        try (var browser = Browser.open()) {
            var driver = signIn(browser);
            for (String page : new String[] {"/console/kb/articles/new", "/console/kb/articles/"
                    + knowledge.createArticle(accountId, new ArticleDraft(category, "Longo", null, null,
                    "<p>linha</p>".repeat(40), false)).id()}) {
                driver.get(base + page);
                var editor = browser.waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector(".rich-text .ql-editor")));
                editor.click();
                editor.sendKeys("Mais uma linha", Keys.ENTER, "e outra", Keys.ENTER);
                var box = driver.findElement(By.id("published"));
                ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", box);
                browser.screenshot("console-kb-editor-published-box");

                assertThat(topmostAtCentreOf(driver, box)).as(page + ": what a click on the box's centre reaches")
                        .isIn("published", "label.check");
                assertThat(box.isSelected()).isFalse();
                box.click();
                assertThat(box.isSelected()).as(page).isTrue();
                driver.findElement(By.cssSelector("label.check span")).click();
                assertThat(box.isSelected()).as(page + ": the label toggles it too").isFalse();
            }
        }
    }

    @Test
    void aGeneratedSummaryFollowsTheBodyAndATypedOneStays() {
        String generated = knowledge.createArticle(accountId, new ArticleDraft(category, "Senha", null, null,
                "<p>Abra o perfil.</p>", false)).id();
        String typed = knowledge.createArticle(accountId, new ArticleDraft(category, "E-mail", null, "Como trocar o e-mail",
                "<p>Abra as preferências.</p>", false)).id();
        try (var browser = Browser.open()) {
            var driver = signIn(browser);

            driver.get(base + "/console/kb/articles/" + generated);
            assertThat(summary(driver).getAttribute("value")).isEqualTo("Abra o perfil.");
            replaceBody(browser, driver, "Escolha uma nova senha");
            browser.waiting().until(page -> summary(driver).getAttribute("value").equals("Escolha uma nova senha"));
            driver.findElement(By.id("save-article")).click();
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[role=status]")));
            assertThat(knowledge.getArticle(accountId, generated).summary()).isEqualTo("Escolha uma nova senha");
            // Still generated once saved: a later body change, from anywhere, carries it along.
            knowledge.updateArticle(accountId, generated, new ArticleDraft(null, null, null, null, "<p>Terceira versão</p>", null));
            assertThat(knowledge.getArticle(accountId, generated).summary()).isEqualTo("Terceira versão");

            driver.get(base + "/console/kb/articles/" + typed);
            replaceBody(browser, driver, "Texto novo");
            assertThat(summary(driver).getAttribute("value")).isEqualTo("Como trocar o e-mail");
            driver.findElement(By.id("save-article")).click();
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[role=status]")));
            assertThat(knowledge.getArticle(accountId, typed).summary()).isEqualTo("Como trocar o e-mail");

            // Typing over a generated summary makes it the author's.
            driver.get(base + "/console/kb/articles/new");
            driver.findElement(By.id("title")).sendKeys("Novo");
            replaceBody(browser, driver, "Primeira frase");
            browser.waiting().until(page -> summary(driver).getAttribute("value").equals("Primeira frase"));
            summary(driver).sendKeys(Keys.chord(Keys.CONTROL, "a"), "Resumo escrito");
            replaceBody(browser, driver, "Outra frase");
            assertThat(summary(driver).getAttribute("value")).isEqualTo("Resumo escrito");
        }
    }

    @Test
    void anImageChosenInTheEditorIsInsertedAndShownOnTheHelpCenterWhereAReaderVotes() throws Exception {
        var image = java.nio.file.Files.createTempFile("atende-kb", ".png");
        var picture = new java.awt.image.BufferedImage(320, 160, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var graphics = picture.createGraphics();
        graphics.setColor(new java.awt.Color(0x1f6feb));
        graphics.fillRect(0, 0, 320, 160);
        graphics.dispose();
        javax.imageio.ImageIO.write(picture, "png", image.toFile());
        String related = knowledge.createArticle(accountId, new ArticleDraft(category, "Trocar a foto do perfil", null, null,
                "<p>Abra o perfil e troque a foto.</p>", true)).id();
        try (var browser = Browser.open()) {
            var driver = signIn(browser);
            driver.get(base + "/console/kb/articles/new");
            driver.findElement(By.id("title")).sendKeys("Foto do perfil");
            replaceBody(browser, driver, "A foto aparece no perfil assim:");
            driver.findElement(By.id("kb-image")).sendKeys(image.toString());
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".rich-text .ql-editor img")));
            assertThat(driver.findElement(By.id("kb-image-status")).getText()).isEqualTo("Imagem inserida.");
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            ((JavascriptExecutor) driver).executeScript("document.getElementById('kb-image').scrollIntoView({block: 'center'})");
            browser.screenshot("console-kb-editor-image-390");
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 900));
            var box = driver.findElement(By.id("published"));
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", box);
            box.click();
            driver.findElement(By.id("save-article")).click();
            var link = browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("public-link")));

            driver.get(link.getAttribute("href"));
            var shown = browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".article-body img")));
            browser.waiting().until(page -> ((Number) ((JavascriptExecutor) driver)
                    .executeScript("return arguments[0].naturalWidth", shown)).intValue() == 320);
            assertThat(driver.findElements(By.cssSelector("#related-articles li a")).stream().map(WebElement::getText).toList())
                    .containsExactly("Trocar a foto do perfil");
            browser.screenshot("kb-article-helpful-1366");
            driver.findElement(By.cssSelector("#helpful button[value=yes]")).click();
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("helpful-thanks")));
            assertThat(driver.findElement(By.cssSelector("#helpful button[value=yes]")).getAttribute("aria-pressed")).isEqualTo("true");
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            browser.screenshot("kb-article-helpful-390");

            String id = knowledge.listArticles(accountId, new io.atende.knowledge.ArticleFilter(null, "foto do perfil", null),
                    io.atende.platform.PageRequest.of(1)).items().stream().filter(article -> !article.id().equals(related))
                    .findFirst().orElseThrow().id();
            assertThat(knowledge.votes(accountId, java.util.List.of(id)).get(id).helpful()).isEqualTo(1);
        } finally {
            java.nio.file.Files.deleteIfExists(image);
        }
    }

    private WebDriver signIn(Browser browser) {
        var driver = browser.driver();
        driver.get(base + "/console/sign-in");
        driver.findElement(By.id("email")).sendKeys(operator.email());
        driver.findElement(By.id("password")).sendKeys(operator.password() + "\n");
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.topbar")));
        return driver;
    }

    private static WebElement summary(WebDriver driver) {
        return driver.findElement(By.id("summary"));
    }

    private static void replaceBody(Browser browser, WebDriver driver, String text) {
        var editor = browser.waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector(".rich-text .ql-editor")));
        editor.click();
        editor.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        editor.sendKeys(text);
    }

    /** The id of the element a click at the middle of {@code element} lands on, or "label.check" for the box's own label. */
    private static String topmostAtCentreOf(WebDriver driver, WebElement element) {
        return (String) ((JavascriptExecutor) driver).executeScript("""
                var box = arguments[0].getBoundingClientRect();
                var hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
                if (!hit) { return 'nothing'; }
                if (hit.id) { return hit.id; }
                if (hit.closest('label.check') && hit.closest('label.check').contains(arguments[0])) { return 'label.check'; }
                return hit.tagName + '.' + hit.className;""", element);
    }
}
