package io.atende.console;

import java.util.List;

import io.atende.operator.CreateOperator;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorRole;
import io.atende.operator.OperatorSignIn;
import io.atende.sso.SingleSignOn;
import io.atende.support.ApiTest;
import io.atende.support.Browser;
import io.atende.support.OpenIdProvider;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single sign-on in a real browser against a real OpenID Provider ({@link OpenIdProvider}): an admin sets it up on the
 * admin page, tests the connection, and an operator signs in with the button, at the provider's own sign-in page.
 */
@ApiTest
class SingleSignOnBrowserTest {

    static OpenIdProvider provider;

    @Autowired
    TestTenants tenants;
    @Autowired
    OperatorManagement operators;
    @Autowired
    OperatorSignIn operatorSignIn;
    @Autowired
    SingleSignOn singleSignOn;

    @BeforeAll
    static void startProvider() {
        provider = OpenIdProvider.start();
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    @Test
    void anAdminSetsUpTheProviderAndAnOperatorSignsInWithIt() {
        var tenant = tenants.create();
        String accountId = tenant.accountId();
        String site = "http://localhost:" + tenants.port();
        String clientId = "browser-" + System.nanoTime();
        provider.registerClient(clientId, "browser-secret", site + "/console/sso/callback/" + accountId);
        String email = "iris" + System.nanoTime() + "@acme.test";
        provider.addPerson(email, "Iris Lima", true);
        var iris = operators.create(accountId, new CreateOperator("Iris Lima", email, null, OperatorRole.OPERATOR, true));
        operatorSignIn.chooseLanguage(accountId, iris.id(), "en");
        var admin = tenants.operator(accountId, OperatorRole.ADMIN);
        operatorSignIn.chooseLanguage(accountId, admin.id(), "en");

        try (var browser = Browser.open()) {
            var driver = browser.driver();
            driver.get(site + "/console/admin/sso");
            driver.findElement(By.id("email")).sendKeys(admin.email());
            driver.findElement(By.id("password")).sendKeys(admin.password() + "\n");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("sso-settings")));
            assertThat(driver.findElement(By.id("redirect-uri")).getText()).isEqualTo(site + "/console/sso/callback/" + accountId);

            driver.findElement(By.id("issuer")).sendKeys(provider.issuer());
            driver.findElement(By.id("test-connection")).click();
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("test-result")));
            assertThat(driver.findElement(By.id("test-result")).getText()).contains(provider.issuer() + "/oauth2/token");

            driver.findElement(By.name("enabled")).click();
            driver.findElement(By.id("provider_name")).sendKeys("Acme ID");
            driver.findElement(By.id("client_id")).sendKeys(clientId);
            driver.findElement(By.id("client_secret")).sendKeys("browser-secret");
            driver.findElement(By.id("allowed_domains")).sendKeys("acme.test");
            browser.screenshot("console-sso-settings");
            driver.findElement(By.cssSelector("#sso-settings button.primary")).click();
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".notice")));
            assertThat(singleSignOn.settings(accountId).orElseThrow().enabled()).isTrue();
            driver.findElement(By.cssSelector("form[action='/console/sign-out'] button")).click();
            browser.waiting().until(ExpectedConditions.urlContains("/console/sign-in"));

            driver.get(site + "/console/sign-in?account=" + accountId);
            var button = driver.findElement(By.id("sso-sign-in"));
            assertThat(button.getText()).isEqualTo("Sign in with Acme ID");
            browser.screenshot("console-sso-sign-in");
            button.click();
            // The provider's own sign-in page.
            browser.waiting().until(ExpectedConditions.urlContains(provider.issuer() + "/login"));
            driver.findElement(By.id("username")).sendKeys(email);
            driver.findElement(By.id("password")).sendKeys(OpenIdProvider.PASSWORD + "\n");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.topbar")));
            assertThat(driver.getCurrentUrl()).isEqualTo(site + "/console");
            assertThat(driver.findElement(By.cssSelector("header.topbar")).getText()).contains("Iris Lima");
        }
    }
}
