package io.atende.console.tickets;

import io.atende.support.ApiTest;
import io.atende.support.Browser;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "open ticket" form's customer field in a real browser, used from the keyboard alone: suggestions appear as one
 * types, the arrow keys move through them, Enter takes one; with no match, the same list offers to create the customer
 * inline, and the form opens the ticket for them.
 */
@ApiTest
class CustomerPickerBrowserTest {

    @Autowired
    TestTenants tenants;

    @Test
    void anOperatorPicksACustomerFromTheSuggestionsWithTheKeyboardOrCreatesOneWhenNoneMatches() {
        var desk = new DeskFixture(tenants);
        DeskFixture.ok(desk.tenant.writer().post("/customer/new", "customer_id", "c-2", "name", "Carlos Souza", "email", "carlos@example.com"));

        try (var browser = Browser.open()) {
            var driver = browser.driver();
            signIn(driver, browser, desk);
            driver.get(base() + "/console/tickets/new");

            var field = browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("customer")));
            assertThat(field.getAttribute("role")).isEqualTo("combobox");
            assertThat(field.getAttribute("aria-expanded")).isEqualTo("false");
            field.sendKeys("carl");
            browser.waiting().until(ExpectedConditions.attributeToBe(By.id("customer"), "aria-expanded", "true"));
            var options = driver.findElements(By.cssSelector("#customer-options [role=option]"));
            assertThat(options).extracting(option -> option.getText()).containsExactly(
                    "Carla Cliente — carla@example.com · c-1", "Carlos Souza — carlos@example.com · c-2", "Cadastrar um cliente novo");
            assertThat(driver.findElement(By.id("customer-options")).getAttribute("role")).isEqualTo("listbox");
            browser.screenshot("console-customer-picker");

            field.sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN);
            assertThat(field.getAttribute("aria-activedescendant")).isEqualTo("customer-option-1");
            assertThat(driver.findElement(By.id("customer-option-1")).getAttribute("aria-selected")).isEqualTo("true");
            field.sendKeys(Keys.ENTER);
            assertThat(field.getAttribute("value")).isEqualTo("carlos@example.com");
            assertThat(field.getAttribute("aria-expanded")).isEqualTo("false");
            new Select(driver.findElement(By.id("new-department"))).selectByValue(desk.department);
            driver.findElement(By.id("subject")).sendKeys("Ligou pedindo a segunda via");
            driver.findElement(By.id("message")).sendKeys("Quer a segunda via do boleto");
            driver.findElement(By.cssSelector("#new-ticket button[type=submit]")).click();
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("ticket-operator")));
            String opened = driver.getCurrentUrl().substring(driver.getCurrentUrl().lastIndexOf('/') + 1);
            assertThat(desk.detail(opened).data().get("customer").get("name").asString()).isEqualTo("Carlos Souza");

            driver.get(base() + "/console/tickets/new");
            field = browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("customer")));
            field.sendKeys("eduarda@example.com");
            browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("customer-options"), "Nenhum cliente encontrado."));
            field.sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("new-customer-name")));
            assertThat(driver.findElement(By.id("new-customer-email")).getAttribute("value")).isEqualTo("eduarda@example.com");
            assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("new-customer-name");
            driver.switchTo().activeElement().sendKeys("Eduarda Nova");
            new Select(driver.findElement(By.id("new-department"))).selectByValue(desk.department);
            driver.findElement(By.id("subject")).sendKeys("Primeiro contato");
            driver.findElement(By.id("message")).sendKeys("Ligou pela primeira vez");
            driver.findElement(By.cssSelector("#new-ticket button[type=submit]")).click();
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("ticket-operator")));
            opened = driver.getCurrentUrl().substring(driver.getCurrentUrl().lastIndexOf('/') + 1);
            var customer = desk.detail(opened).data().get("customer");
            assertThat(customer.get("name").asString()).isEqualTo("Eduarda Nova");
            assertThat(customer.get("email").asString()).isEqualTo("eduarda@example.com");
            browser.screenshot("console-ticket-details");
        }
    }

    private void signIn(WebDriver driver, Browser browser, DeskFixture desk) {
        driver.get(base() + "/console/sign-in");
        driver.findElement(By.id("email")).sendKeys(desk.operator.email());
        driver.findElement(By.id("password")).sendKeys(desk.operator.password() + "\n");
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.topbar")));
    }

    private String base() {
        return "http://localhost:" + tenants.port();
    }
}
