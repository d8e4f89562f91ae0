package io.atende.console.tickets;

import io.atende.support.ApiTest;
import io.atende.support.Browser;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator works the queue with the keyboard alone: the shortcuts list, search, moving through the tickets,
 * selecting two for a bulk action that survives the list's reload, opening one, taking it, commenting and replying.
 */
@ApiTest
class QueueKeyboardBrowserTest {

    @Autowired
    TestTenants tenants;

    @Test
    void anOperatorWorksTheQueueAndATicketWithTheKeyboardAlone() {
        var desk = new DeskFixture(tenants);
        String printer = desk.ticket("Impressora parada");
        String screen = desk.ticket("Impressora sem tinta");
        desk.ticket("Teclado quebrado");

        try (var browser = Browser.open()) {
            var driver = browser.driver();
            driver.manage().window().setSize(new Dimension(1366, 900));
            driver.get(base() + "/console/sign-in");
            driver.findElement(By.id("email")).sendKeys(desk.operator.email(), Keys.TAB, desk.operator.password(), Keys.ENTER);
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.topbar")));
            driver.get(base() + "/console/tickets?queue=all");

            press(driver, "?");
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("shortcuts")));
            assertThat(driver.findElement(By.id("shortcuts")).getText()).contains("Próximo chamado", "Atribuir o chamado a mim");
            press(driver, Keys.ESCAPE);
            browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("shortcuts")));

            press(driver, "/");
            assertThat(active(driver).getAttribute("id")).isEqualTo("search");
            press(driver, "j");
            assertThat(driver.findElement(By.id("search")).getAttribute("value")).as("typing in a field is not a shortcut").isEqualTo("j");
            active(driver).sendKeys(Keys.BACK_SPACE, "impressora", Keys.ENTER);
            browser.waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#results tbody tr"), 2));

            assertThat(driver.findElement(By.id("bulk")).isDisplayed()).as("no bulk form before a ticket is ticked").isFalse();
            press(driver, "j");
            assertThat(chosen(driver)).isEqualTo("ticket-" + screen);
            press(driver, "x");
            assertThat(driver.findElement(By.id("bulk")).isDisplayed()).as("the bulk form once one is").isTrue();
            press(driver, "j");
            assertThat(chosen(driver)).isEqualTo("ticket-" + printer);
            press(driver, "x");
            press(driver, "k");
            assertThat(chosen(driver)).isEqualTo("ticket-" + screen);
            assertThat(driver.findElement(By.id("bulk-count")).getText()).isEqualTo("2 selecionado(s)");

            // The list reloads (polling, or a live event while the stream is up: live.js then stops the polling, so the
            // reload is asked the way live.js asks it); the selection and the chosen ticket stay.
            ((JavascriptExecutor) driver).executeScript("var r = document.getElementById('results'); r.dataset.old = '1';"
                    + " r.dataset.liveRefresh = '1'; htmx.trigger(r, 'atende:refresh');");
            browser.waiting().until(d -> ((JavascriptExecutor) d).executeScript(
                    "return document.getElementById('results').dataset.old === undefined"));
            assertThat(driver.findElements(By.cssSelector("#results input[name=ticket_id]:checked"))).hasSize(2);
            assertThat(chosen(driver)).isEqualTo("ticket-" + screen);
            browser.screenshot("console-queue-bulk-1366");

            driver.findElement(By.id("bulk-action")).sendKeys("Definir a prioridade");
            assertThat(driver.findElement(By.id("bulk-priority")).isDisplayed()).isTrue();
            assertThat(driver.findElement(By.id("bulk-operator")).isDisplayed()).as("only the chosen action's fields").isFalse();
            driver.findElement(By.id("bulk-priority")).sendKeys("Urgente");
            driver.findElement(By.id("bulk-apply")).sendKeys(Keys.ENTER);
            browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector("#bulk-results [role=status]"), "2 feito(s), 0 recusado(s)"));
            assertThat(desk.detail(printer).data().get("priority").asInt()).isEqualTo(4);
            assertThat(desk.detail(screen).data().get("priority").asInt()).isEqualTo(4);

            press(driver, "j");
            press(driver, "o");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("reply-message")));
            String opened = driver.getCurrentUrl();
            assertThat(opened).endsWith("/console/tickets/" + screen);

            press(driver, "a");
            browser.waiting().until(ExpectedConditions.textToBe(By.id("ticket-operator"), desk.operator.name()));
            press(driver, "c");
            assertThat(active(driver).getAttribute("id")).isEqualTo("comment-text");
            active(driver).sendKeys("ciente, vou olhar");
            assertThat(active(driver).getAttribute("id")).as("r typed in the comment stays there").isEqualTo("comment-text");
            active(driver).sendKeys(Keys.chord(Keys.SHIFT, Keys.TAB));
            press(driver, "r");
            assertThat(active(driver).getAttribute("id")).as("the reply's rich-text editor").isEqualTo("reply-message-editor");
            assertThat(driver.findElement(By.id("comment-text")).getAttribute("value")).isEqualTo("ciente, vou olhar");
            assertThat(desk.detail(screen).data().get("operator").get("id").asString()).isEqualTo(desk.operator.id());
        }
    }

    @Test
    void theQueueWithItsFiltersViewsAndBulkFormFitsALaptopAndAPhone() {
        var desk = new DeskFixture(tenants);
        desk.ticket("Impressora parada", "priority", "4");
        desk.ticket("Teclado quebrado");

        try (var browser = Browser.open()) {
            var driver = browser.driver();
            driver.get(base() + "/console/sign-in");
            driver.findElement(By.id("email")).sendKeys(desk.operator.email(), Keys.TAB, desk.operator.password(), Keys.ENTER);
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.topbar")));
            for (int width : new int[] {1366, 390}) {
                driver.manage().window().setSize(new Dimension(width, 844));
                driver.get(base() + "/console/tickets?queue=all&priority=4&priority=2");
                browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#results tbody tr")));
                assertThat(driver.findElement(By.cssSelector(".desk-filters details")).getAttribute("open")).isNotNull();
                browser.screenshot("console-queue-filters-" + width);
                Object overflow = ((JavascriptExecutor) driver).executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                assertThat(((Number) overflow).intValue()).as("no sideways scrolling at %d px", width).isLessThanOrEqualTo(0);

                driver.findElement(By.cssSelector("#results input[name=ticket_id]")).click();
                assertThat(driver.findElement(By.id("bulk-apply")).isDisplayed()).isTrue();
                browser.screenshot("console-queue-bulk-bar-" + width);
                overflow = ((JavascriptExecutor) driver).executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                assertThat(((Number) overflow).intValue()).as("the bulk bar fits %d px", width).isLessThanOrEqualTo(0);
            }
            browser.screenshot("console-queue-390");
        }
    }

    private static void press(WebDriver driver, CharSequence key) {
        new Actions(driver).sendKeys(key).perform();
    }

    private static org.openqa.selenium.WebElement active(WebDriver driver) {
        return driver.switchTo().activeElement();
    }

    private static String chosen(WebDriver driver) {
        return driver.findElement(By.cssSelector("#results tr.chosen")).getAttribute("id");
    }

    private String base() {
        return "http://localhost:" + tenants.port();
    }
}
