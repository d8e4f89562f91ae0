package io.atende.console.admin;

import java.util.List;

import io.atende.automation.Action;
import io.atende.automation.Condition;
import io.atende.automation.RuleView;
import io.atende.automation.SaveRule;
import io.atende.automation.TriggerManagement;
import io.atende.console.tickets.DeskFixture;
import io.atende.operator.OperatorRole;
import io.atende.support.ApiTest;
import io.atende.support.Browser;
import io.atende.support.TestTenants;
import io.atende.ticket.Priority;
import io.atende.ticket.TicketManagement;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In headless Chromium: an admin drags a trigger to the top, moves one with the keyboard alone, builds a trigger in the
 * editor by adding rows, and tests it against a ticket; screenshots at 1366 and 390 pixels wide.
 */
@ApiTest
class RuleAdminBrowserTest {

    @Autowired
    TestTenants tenants;
    @Autowired
    TriggerManagement triggers;
    @Autowired
    TicketManagement tickets;

    private String signIn(Browser browser, String account) {
        var admin = tenants.operator(account, OperatorRole.ADMIN);
        String base = "http://localhost:" + tenants.port();
        var driver = browser.driver();
        driver.get(base + "/console/sign-in");
        driver.findElement(By.id("email")).sendKeys(admin.email());
        driver.findElement(By.id("password")).sendKeys(admin.password() + "\n");
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.topbar")));
        return base;
    }

    private List<String> names(String account) {
        return triggers.list(account).stream().map(RuleView::name).toList();
    }

    private RuleView trigger(String account, String name) {
        return triggers.create(account, new SaveRule(name, List.of("ticket.created"), true, List.of(),
                List.of(new Action.AddTag(name.toLowerCase())), null, true));
    }

    private static void resize(WebDriver driver, int width) {
        driver.manage().window().setSize(new Dimension(width, 900));
    }

    @Test
    void anAdminDragsATriggerToTheTopAndMovesAnotherWithTheKeyboard() {
        var account = tenants.create().accountId();
        var a = trigger(account, "Alfa");
        trigger(account, "Beta");
        var c = trigger(account, "Gama");
        try (var browser = Browser.open()) {
            var driver = browser.driver();
            String base = signIn(browser, account);
            resize(driver, 1366);
            driver.get(base + "/console/admin/triggers");

            WebElement handle = driver.findElement(By.cssSelector("#rule-" + c.id() + " .drag-handle"));
            WebElement top = driver.findElement(By.cssSelector("#rule-" + a.id()));
            new Actions(driver).clickAndHold(handle).moveToElement(top, 0, -top.getSize().getHeight() / 2 + 2)
                    .pause(100).release().perform();
            browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector("[role=status]"), "Ordem salva."));
            assertThat(names(account)).containsExactly("Gama", "Alfa", "Beta");
            assertThat(driver.findElements(By.cssSelector("tbody tr .position")).stream().map(WebElement::getText))
                    .containsExactly("1", "2", "3");

            driver.findElement(By.cssSelector("#rule-" + c.id() + " button.move-down")).sendKeys(Keys.ENTER);
            browser.waiting().until(driver1 -> names(account).equals(List.of("Alfa", "Gama", "Beta")));
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#rule-" + c.id() + " button.move-down[autofocus]")));
            WebElement focused = driver.switchTo().activeElement();
            assertThat(focused.getAttribute("class")).isEqualTo("move-down");
            focused.sendKeys(Keys.ENTER);
            browser.waiting().until(driver1 -> names(account).equals(List.of("Alfa", "Beta", "Gama")));
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#rule-" + c.id() + " button.move-down[disabled]")));
            browser.screenshot("console-admin-triggers-1366");
            resize(driver, 390);
            driver.navigate().refresh();
            new Actions(driver).scrollToElement(driver.findElement(By.cssSelector("#rule-" + c.id()))).perform();
            browser.screenshot("console-admin-triggers-390");
            assertThat((Long) ((org.openqa.selenium.JavascriptExecutor) driver)
                    .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;"))
                    .as("no sideways scrolling on a phone").isLessThanOrEqualTo(0L);
        }
    }

    @Test
    void anAdminBuildsATriggerRowByRowAndTestsItAgainstATicket() {
        var desk = new DeskFixture(tenants);
        String account = desk.tenant.accountId();
        String ticket = desk.ticket("Impressora parada", "priority", "4");
        long protocol = tickets.get(account, ticket).protocol();
        try (var browser = Browser.open()) {
            var driver = browser.driver();
            String base = signIn(browser, account);
            resize(driver, 1366);
            driver.get(base + "/console/admin/triggers/new");

            driver.findElement(By.id("rule-name")).sendKeys("Urgentes do suporte");
            driver.findElement(By.cssSelector("button[data-add-row=condition]")).click();
            driver.findElement(By.cssSelector("button[data-add-row=condition]")).click();
            assertThat(driver.findElements(By.cssSelector("#conditions > li"))).hasSize(2);
            var rows = driver.findElements(By.cssSelector("#conditions > li"));
            new Select(rows.get(0).findElement(By.name("c_value"))).selectByValue(desk.department);
            new Select(rows.get(1).findElement(By.name("c_field"))).selectByValue("priority");
            new Select(rows.get(1).findElement(By.name("c_op"))).selectByValue("greater_than");
            new Select(rows.get(1).findElement(By.name("c_value"))).selectByValue("high");
            driver.findElement(By.cssSelector("#actions input[name=a_v1]")).sendKeys("urgente");
            driver.findElement(By.cssSelector("button[data-add-row=action]")).click();
            var second = driver.findElements(By.cssSelector("#actions > li")).get(1);
            new Select(second.findElement(By.name("a_type"))).selectByValue("comment");
            second.findElement(By.cssSelector("textarea[name=a_v1]")).sendKeys("Urgente: {{customer.name}}");
            driver.findElement(By.cssSelector("button[data-add-row=action]")).click();
            assertThat(driver.findElements(By.cssSelector("#actions > li"))).hasSize(3);
            driver.findElements(By.cssSelector("#actions > li")).get(2).findElement(By.cssSelector("button.remove-row")).click();
            assertThat(driver.findElements(By.cssSelector("#actions > li"))).hasSize(2);
            browser.screenshot("console-admin-trigger-editor-1366");
            resize(driver, 390);
            new Actions(driver).scrollToElement(driver.findElement(By.id("conditions"))).perform();
            browser.screenshot("console-admin-trigger-editor-390");
            assertThat((Long) ((org.openqa.selenium.JavascriptExecutor) driver)
                    .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;"))
                    .as("no sideways scrolling on a phone").isLessThanOrEqualTo(0L);
            resize(driver, 1366);
            driver.findElement(By.cssSelector("#rule-form button.primary")).click();
            browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector("[role=status]"), "Regra criada."));

            var rule = triggers.list(account).get(0);
            assertThat(rule.conditions()).containsExactly(new Condition("department", "is", null, desk.department),
                    new Condition("priority", "greater_than", null, "high"));
            assertThat(rule.actions()).containsExactly(new Action.AddTag("urgente"), new Action.Comment("Urgente: {{customer.name}}"));
            assertThat(tickets.get(account, ticket).priority()).isEqualTo(Priority.URGENT);

            driver.get(base + "/console/admin/triggers/" + rule.id());
            driver.findElement(By.id("test-ticket")).sendKeys(protocol + "\n");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#test-result .verdict")));
            assertThat(driver.findElement(By.cssSelector("#test-result .verdict")).getText())
                    .isEqualTo("A regra vale para o ticket #" + protocol + ": as suas ações rodariam.");
            driver.findElement(By.id("test")).getLocation();
            new Actions(driver).scrollToElement(driver.findElement(By.cssSelector("#test-result"))).perform();
            browser.screenshot("console-admin-trigger-test-1366");
            resize(driver, 390);
            new Actions(driver).scrollToElement(driver.findElement(By.cssSelector("#test-result"))).perform();
            browser.screenshot("console-admin-trigger-test-390");

            resize(driver, 1366);
            driver.get(base + "/console/admin/triggers/" + rule.id() + "/delete");
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Excluir o gatilho Urgentes do suporte?");
            browser.screenshot("console-admin-trigger-delete-1366");
            driver.findElement(By.cssSelector("#delete-rule button")).click();
            browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector("[role=status]"), "Regra excluída."));
            assertThat(triggers.list(account)).isEmpty();
            resize(driver, 390);
            driver.get(base + "/console/admin/automations/new");
            new Select(driver.findElement(By.cssSelector("#actions select[name=a_type]"))).selectByValue("email");
            assertThat(driver.findElements(By.cssSelector("#actions input[name=a_v3]"))).hasSize(1);
            browser.screenshot("console-admin-automation-editor-390");
        }
    }
}
