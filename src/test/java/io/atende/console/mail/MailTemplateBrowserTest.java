package io.atende.console.mail;

import io.atende.mail.MailKind;
import io.atende.mail.MailTemplateManagement;
import io.atende.operator.OperatorRole;
import io.atende.support.ApiTest;
import io.atende.support.Browser;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** An admin opens a template in headless Chromium, previews it for the sample ticket and saves it, on a wide screen and a phone. */
@ApiTest
class MailTemplateBrowserTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    MailTemplateManagement templates;

    @Test
    void anAdminPreviewsAndSavesTheFinishedMessage() {
        var tenant = tenants.create();
        var admin = tenants.operator(tenant.accountId(), OperatorRole.ADMIN);
        String base = "http://localhost:" + tenants.port();
        try (var browser = Browser.open()) {
            var driver = browser.driver();
            driver.manage().window().setSize(new Dimension(1366, 1000));
            driver.get(base + "/console/sign-in");
            driver.findElement(By.id("email")).sendKeys(admin.email());
            driver.findElement(By.id("password")).sendKeys(admin.password() + "\n");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.topbar")));

            driver.get(base + "/console/admin/mail/templates");
            browser.screenshot("console-admin-mail-templates");
            driver.findElement(By.cssSelector("#template-ticket_finished a[data-language='pt-BR']")).click();
            var subject = driver.findElement(By.id("template-subject"));
            subject.clear();
            subject.sendKeys("Chamado #{{ticket.protocol}} concluído");
            driver.findElement(By.id("template-preview-button")).click();
            browser.waiting().until(ExpectedConditions.textToBe(By.id("preview-subject"), "Chamado #1042 concluído"));
            ((JavascriptExecutor) driver).executeScript("document.getElementById('preview').scrollIntoView()");
            browser.screenshot("console-admin-mail-template-preview");

            driver.manage().window().setSize(new Dimension(390, 844));
            long overflow = (Long) ((JavascriptExecutor) driver)
                    .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(overflow).as("no horizontal scrolling at 390 px").isLessThanOrEqualTo(0);
            ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
            browser.screenshot("console-admin-mail-template-phone");

            driver.findElement(By.cssSelector("form.mail-template-form button[type=submit]:not([formaction])")).click();
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[role=status]")));
            assertThat(templates.get(tenant.accountId(), MailKind.TICKET_FINISHED, "pt-BR").subject()).isEqualTo("Chamado #{{ticket.protocol}} concluído");
        }
    }
}
