package io.atende.console.tickets;

import java.util.Base64;

import io.atende.support.ApiTest;
import io.atende.support.Browser;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reply box in a real browser: formatting from the toolbar, an image pasted from the clipboard (refused when it
 * would take the reply over 25 MB), the draft saved as one types and back after a reload, and the reply sent with
 * the image as its file, shown in the conversation.
 */
@ApiTest
class ReplyComposerBrowserTest {

    /** Dispatches a paste of an image of {@code arguments[0]} bytes (PNG bytes when given in arguments[1], base64). */
    private static final String PASTE = """
            var bytes = arguments[1] ? Uint8Array.from(atob(arguments[1]), function (c) { return c.charCodeAt(0); })
                                     : new Uint8Array(arguments[0]);
            var transfer = new DataTransfer();
            transfer.items.add(new File([bytes], 'image.png', {type: 'image/png'}));
            var editor = document.querySelector('#reply .ql-editor');
            editor.focus();
            editor.dispatchEvent(new ClipboardEvent('paste', {clipboardData: transfer, bubbles: true, cancelable: true}));""";

    @Autowired
    TestTenants tenants;

    @Test
    void anOperatorFormatsPastesAnImageReloadsToTheDraftAndSendsTheReplyWithTheImageInPlace() {
        var desk = new DeskFixture(tenants);
        String ticket = desk.myTicket("Impressora parada");
        String png = Base64.getEncoder().encodeToString(ReplyComposerPageTest.PNG);

        try (var browser = Browser.open()) {
            var driver = browser.driver();
            var script = (JavascriptExecutor) driver;
            signIn(driver, browser, desk);
            driver.get(base() + "/console/tickets/" + ticket);
            var editor = browser.waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#reply .ql-editor")));
            assertThat(driver.findElement(By.id("reply-message")).isDisplayed()).isFalse();
            assertThat(driver.findElement(By.cssSelector("#reply .ql-toolbar button.ql-bold")).getAttribute("aria-label")).isEqualTo("Negrito");

            editor.sendKeys("Olá Carla, ");
            driver.findElement(By.cssSelector("#reply .ql-toolbar button.ql-bold")).click();
            editor.sendKeys("reinicie a impressora");
            browser.waiting().until(ExpectedConditions.textMatches(By.id("reply-draft-status"), java.util.regex.Pattern.compile("^Rascunho salvo .+")));

            driver.navigate().refresh();
            editor = browser.waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#reply .ql-editor")));
            assertThat(editor.getText()).isEqualTo("Olá Carla, reinicie a impressora");
            assertThat(editor.findElements(By.tagName("strong"))).hasSize(1);

            script.executeScript(PASTE, 0, png);
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#reply .ql-editor img[src^='data:image/png']")));
            script.executeScript(PASTE, 25 * 1024 * 1024, null);
            browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("reply-paste-alert")));
            assertThat(driver.findElement(By.id("reply-paste-alert")).getText()).contains("25 MB");
            assertThat(driver.findElements(By.cssSelector("#reply .ql-editor img"))).hasSize(1);
            browser.screenshot("console-reply-editor");

            driver.findElement(By.cssSelector("#reply button.primary[type=submit]")).click();
            browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector("#reply [role=status]"), "Resposta enviada."));
            var shown = browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".message.operator .body img")));
            assertThat(shown.getAttribute("src")).contains("/console/tickets/attachments/");
            browser.waiting().until(driverNow -> Long.valueOf(1).equals(script.executeScript("return arguments[0].naturalWidth", shown)));

            var reply = desk.detail(ticket).data().get("replies").get(1);
            assertThat(reply.get("message").asString()).contains("<strong>reinicie a impressora</strong>", "src=\"cid:pasted-");
            assertThat(reply.get("attachments")).hasSize(1);
            assertThat(reply.get("attachments").get(0).get("mimetype").asString()).isEqualTo("image/png");

            driver.navigate().refresh();
            editor = browser.waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#reply .ql-editor")));
            assertThat(editor.getText()).isEmpty();
            browser.screenshot("console-reply-sent");

            driver.manage().window().setSize(new Dimension(390, 844));
            driver.get(base() + "/console/tickets/" + ticket + "#reply");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#reply .ql-editor")));
            assertThat(script.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                    .isEqualTo(0L);
            browser.screenshot("console-reply-editor-390");
            driver.get(base() + "/console");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("home-work")));
            assertThat(script.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                    .isEqualTo(0L);
            browser.screenshot("console-home-390");
            driver.manage().window().setSize(new Dimension(1366, 900));
            driver.get(base() + "/console");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("home-work")));
            browser.screenshot("console-home");
            driver.get(base() + "/console/profile");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#signature-form .ql-editor")));
            browser.screenshot("console-profile-signature");
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
