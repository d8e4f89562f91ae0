package io.atende.console.mail;

import io.atende.mail.SenderManagement;
import io.atende.mail.SmtpSecurity;
import io.atende.mail.SmtpSettings;
import io.atende.operator.OperatorRole;
import io.atende.support.ApiTest;
import io.atende.support.Browser;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The senders page as an admin sees it, wide and on a phone: readable records, no serious accessibility fault. */
@ApiTest
class MailSenderAdminBrowserTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    SenderManagement senders;

    @Test
    void theSendersPageShowsItsRecordsAtBothWidthsWithoutAccessibilityFaults() {
        var tenant = tenants.create();
        String sales = tenant.admin().post("/department/new", "name", "Vendas").id();
        var admin = tenants.operator(tenant.accountId(), OperatorRole.ADMIN);
        senders.saveAccountSender(tenant.accountId(), "contato@acme.example", "Acme Atendimento");
        senders.saveDepartmentSender(tenant.accountId(), sales, "vendas@acme-vendas.example", "Acme Vendas");
        senders.saveAccountSmtp(tenant.accountId(), new SmtpSettings("smtp.acme.example", null, SmtpSecurity.STARTTLS, "desk", "pw-123456"));
        senders.saveDkimKey(tenant.accountId(), "acme.example", "atende2026", null);

        try (var browser = Browser.open()) {
            var driver = browser.driver();
            driver.manage().window().setSize(new Dimension(1366, 900));
            driver.get("http://localhost:" + tenants.port() + "/console/sign-in");
            driver.findElement(By.id("email")).sendKeys(admin.email());
            driver.findElement(By.id("password")).sendKeys(admin.password() + "\n");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.topbar")));

            driver.get("http://localhost:" + tenants.port() + "/console/admin/mail/senders");
            assertThat(driver.findElement(By.cssSelector(".dkim-keys code.dns-name")).getText()).isEqualTo("atende2026._domainkey.acme.example");
            browser.assertAccessible();
            browser.screenshot("mail-senders-1366");
            ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("document.getElementById('sender-dkim').scrollIntoView()");
            browser.screenshot("mail-senders-1366-dkim");

            driver.manage().window().setSize(new Dimension(390, 844));
            driver.navigate().refresh();
            browser.assertAccessible();
            browser.screenshot("mail-senders-390");
            ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("document.getElementById('sender-dkim').scrollIntoView()");
            browser.screenshot("mail-senders-390-dkim");
        }
    }
}
