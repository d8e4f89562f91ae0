package io.atende.console.admin;

import io.atende.department.DepartmentManagement;
import io.atende.knowledge.ArticleFilter;
import io.atende.knowledge.KnowledgeBase;
import io.atende.operator.OperatorRole;
import io.atende.platform.PageRequest;
import io.atende.support.ApiTest;
import io.atende.support.Browser;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Administration and the knowledge-base editor in headless Chromium: an admin creates a
 * department and an operator in it, issues a token, subscribes a webhook, then writes an article
 * in the rich-text editor, publishes it and finds it on the public help center.
 */
@ApiTest
class AdminBrowserTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    DepartmentManagement departments;
    @Autowired
    KnowledgeBase knowledge;

    @Test
    void anAdminSetsUpADepartmentAndAnOperatorAndPublishesAnArticle() {
        var tenant = tenants.create();
        var admin = tenants.operator(tenant.accountId(), OperatorRole.ADMIN);
        String base = "http://localhost:" + tenants.port();
        try (var browser = Browser.open()) {
            var driver = browser.driver();
            driver.get(base + "/console/sign-in");
            driver.findElement(By.id("email")).sendKeys(admin.email());
            driver.findElement(By.id("password")).sendKeys(admin.password() + "\n");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.topbar")));

            driver.findElement(By.cssSelector("nav a[href='/console/admin']")).click();
            browser.waiting().until(ExpectedConditions.urlToBe(base + "/console/admin"));
            browser.screenshot("console-admin");

            driver.findElement(By.cssSelector("main a[href='/console/admin/departments']")).click();
            driver.findElement(By.id("new-department")).sendKeys("Suporte\n");
            browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector("[role=status]"), "Departamento criado."));
            String department = departments.listDepartments(tenant.accountId()).get(0).id();
            driver.findElement(By.id("new-category-" + department)).sendKeys("Impressoras\n");
            browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector("[role=status]"), "Categoria criada."));

            driver.get(base + "/console/admin/operators");
            driver.findElement(By.id("name")).sendKeys("Bia Souza");
            driver.findElement(By.id("email")).sendKeys("bia@example.com");
            driver.findElement(By.id("password")).sendKeys("senha-da-bia");
            new Select(driver.findElement(By.id("role"))).selectByValue("OPERATOR");
            driver.findElement(By.cssSelector("#create-operator button[type=submit]")).click();
            browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector("h1"), "Bia Souza"));
            driver.findElement(By.cssSelector("#memberships input[value='" + department + "']")).click();
            driver.findElement(By.cssSelector("#memberships button[type=submit]")).click();
            browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector("[role=status]"), "Departamentos salvos."));
            assertThat(departments.listOperators(tenant.accountId(), department)).extracting("name").containsExactly("Bia Souza");

            driver.get(base + "/console/admin/tokens");
            driver.findElement(By.id("name")).sendKeys("Integração ERP");
            driver.findElement(By.id("allowed_ips")).sendKeys("10.0.0.0/8");
            driver.findElement(By.cssSelector("#issue-token button[type=submit]")).click();
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("secret")));
            assertThat(driver.findElement(By.id("secret")).getAttribute("value")).startsWith("atd_");
            browser.screenshot("console-admin-tokens");

            driver.get(base + "/console/admin/webhooks");
            driver.findElement(By.id("url")).sendKeys("http://127.0.0.1:9/atende");
            driver.findElement(By.cssSelector("#create-webhook input[value='ticket.created']")).click();
            driver.findElement(By.cssSelector("#create-webhook button[type=submit]")).click();
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("secret")));
            browser.screenshot("console-admin-webhooks");

            driver.get(base + "/console/admin/settings");
            var colour = driver.findElement(By.id("accent_color"));
            colour.sendKeys(Keys.chord(Keys.CONTROL, "a"), "#ffdd00");
            // htmx swaps the preview in while the colour is typed; yellow gets black text.
            browser.waiting().ignoring(StaleElementReferenceException.class).until(page -> {
                var sample = page.findElement(By.cssSelector("#accent-preview .accent-sample"));
                return sample.getAttribute("style").contains("rgb(255, 221, 0)") && sample.getCssValue("color").equals("rgba(0, 0, 0, 1)");
            });

            publishAnArticle(browser, driver, base, tenant.accountId());

            driver.manage().window().setSize(new Dimension(360, 740));
            for (String page : new String[] {"/console/admin", "/console/admin/departments", "/console/admin/operators", "/console/admin/tokens",
                    "/console/admin/webhooks", "/console/admin/fields", "/console/admin/settings", "/console/kb", "/console/kb/articles/new"}) {
                driver.get(base + page);
                long overflow = (Long) ((JavascriptExecutor) driver)
                        .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                assertThat(overflow).as("no horizontal scrolling at 360 px on " + page).isLessThanOrEqualTo(0);
            }
        }
    }

    private void publishAnArticle(Browser browser, WebDriver driver, String base, String accountId) {
        driver.get(base + "/console/kb/categories");
        driver.findElement(By.id("new-category")).sendKeys("Primeiros passos\n");
        browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector("[role=status]"), "Categoria criada."));

        driver.findElement(By.cssSelector("nav.admin-nav a[href='/console/kb']")).click();
        driver.findElement(By.cssSelector("main a[href='/console/kb/articles/new']")).click();
        var editor = browser.waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector(".rich-text .ql-editor")));
        assertThat(driver.findElement(By.id("body")).isDisplayed()).as("the textarea gives way to the editor").isFalse();
        driver.findElement(By.id("title")).sendKeys("Como trocar a senha");
        editor.click();
        editor.sendKeys("Abra o ");
        driver.findElement(By.cssSelector(".ql-toolbar button.ql-bold")).click();
        editor.sendKeys("perfil");
        driver.findElement(By.cssSelector(".ql-toolbar button.ql-bold")).click();
        editor.sendKeys(" e escolha uma nova senha.");
        assertThat(editor.getAttribute("aria-labelledby")).isEqualTo("body-label");
        assertThat(driver.findElement(By.cssSelector(".ql-toolbar button.ql-bold")).getAttribute("aria-label")).isEqualTo("Negrito");
        browser.screenshot("console-kb-editor");
        driver.findElement(By.id("save-article")).click();
        browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector("[role=status]"), "Artigo salvo."));

        var article = knowledge.listArticles(accountId, new ArticleFilter(null, null, null), PageRequest.of(1)).items().get(0);
        assertThat(article.body()).contains("<strong>perfil</strong>");
        driver.findElement(By.id("toggle-published")).click();
        browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector("[role=status]"), "Artigo publicado."));

        driver.findElement(By.id("public-link")).click();
        browser.waiting().until(ExpectedConditions.urlContains("/accounts/" + accountId + "/kb/"));
        assertThat(driver.findElement(By.cssSelector("article h1")).getText()).isEqualTo("Como trocar a senha");
        assertThat(driver.findElement(By.cssSelector(".article-body strong")).getText()).isEqualTo("perfil");
        driver.get(base + "/accounts/" + accountId + "/kb");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Como trocar a senha");
        assertThat(((JavascriptExecutor) driver).executeScript("return document.documentElement.lang")).isNotNull();
    }
}
