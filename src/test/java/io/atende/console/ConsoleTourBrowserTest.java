package io.atende.console;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atende.account.AccountManagement;
import io.atende.platform.Database;
import io.atende.account.IssueToken;
import io.atende.account.TokenScope;
import io.atende.account.UpdateAccount;
import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.operator.CreateOperator;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorRole;
import io.atende.support.ApiClient;
import io.atende.support.ApiResponse;
import io.atende.support.ApiTest;
import io.atende.support.Browser;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A walk through every main page in a real browser with a help desk's ordinary day seeded through the API: the
 * console as an admin, then the portal as a customer and the help center as a visitor. Each page must pass axe-core
 * with no serious or critical violation ({@link Browser#assertAccessible()}).
 *
 * <p>The same walk makes the README's screenshots: with {@code -Datende.screenshots=docs/screenshots} the main pages
 * are also saved there at 1366 px wide. With {@code -Datende.review-screenshots=<directory>} every page of the walk is
 * saved there at 1366 and at 390 px wide (a phone), named after its address.
 */
@ApiTest
class ConsoleTourBrowserTest {

    private static final int WIDTH = 1366;
    private static final int HEIGHT = 860;
    private static final int PHONE_WIDTH = 390;
    private static final int PHONE_HEIGHT = 844;

    /** Pages whose list cells lack the label a phone shows (all pages are walked before the test fails on them). */
    private final List<String> unlabelledCells = new ArrayList<>();

    @Autowired
    TestTenants tenants;
    @Autowired
    AccountManagement accounts;
    @Autowired
    OperatorManagement operators;
    @Autowired
    CustomerPortalAccess access;
    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void everyConsolePortalAndHelpCenterPageHasNoSeriousOrCriticalAccessibilityViolation() throws Exception {
        // The pages are the same on either database, and the walk takes minutes: it runs on H2, the suite's first run.
        assumeTrue(Database.of(dataSource) == Database.H2, "the accessibility walk runs on H2 only");
        var day = new Day(tenants.create());
        String base = "http://localhost:" + tenants.port();
        try (var browser = Browser.open()) {
            var driver = browser.driver();
            driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));

            driver.get(base + "/console/sign-in");
            check(browser, null, "sign-in");
            driver.findElement(By.id("email")).sendKeys(day.admin.email());
            driver.findElement(By.id("password")).sendKeys(day.admin.password() + "\n");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.topbar")));

            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("/console", "home");
            pages.put("/console/tickets", "queue");
            pages.put("/console/tickets/" + day.richTicket, "ticket");
            pages.put("/console/tickets/new", null);
            pages.put("/console/customers", null);
            pages.put("/console/customers/" + day.customers.get(0), "customer");
            pages.put("/console/organizations", null);
            pages.put("/console/organizations/" + day.organization, null);
            pages.put("/console/customers/blacklist", null);
            pages.put("/console/chats", "chat-desk");
            pages.put("/console/chats/" + day.chat, "chat");
            pages.put("/console/chats/history", null);
            pages.put("/console/kb", null);
            pages.put("/console/kb/articles/new", null);
            pages.put("/console/kb/articles/" + day.article, null);
            pages.put("/console/kb/categories", null);
            pages.put("/console/reports", "reports");
            pages.put("/console/profile", null);
            pages.put("/console/profile/sessions", null);
            pages.put("/console/profile/two-factor", null);
            for (String admin : List.of("", "/operators", "/operators/" + day.admin.id(), "/departments", "/statuses", "/fields",
                    "/macros", "/sla", "/calendars", "/webhooks", "/tokens", "/mail", "/mailboxes", "/portal", "/settings", "/sso",
                    "/audit", "/imports", "/roles", "/retention")) {
                pages.put("/console/admin" + admin, null);
            }
            for (var page : pages.entrySet()) {
                driver.get(base + page.getKey());
                assertThat(driver.findElements(By.cssSelector("header.topbar"))).as(page.getKey() + " shows the console").isNotEmpty();
                check(browser, page.getValue(), page.getKey());
            }
            driver.get(base + "/console/tickets/" + day.richTicket);
            assertThat(driver.findElements(By.cssSelector(".message .author .avatar")).stream().map(avatar -> avatar.getText()).toList())
                    .as("initials beside each message's author").contains("MA", "AR");
        }

        try (var browser = Browser.open()) {
            var driver = browser.driver();
            driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
            driver.get(base + "/portal/sign-in?account=" + day.tenant.accountId());
            check(browser, null, "portal sign-in");
            driver.get(base + "/portal/register?account=" + day.tenant.accountId());
            check(browser, null, "portal register");
            driver.get(base + "/portal/forgot?account=" + day.tenant.accountId());
            check(browser, null, "portal forgot");

            var link = URI.create(access.invite(day.tenant.accountId(), day.customers.get(0)).url());
            driver.get(base + link.getRawPath() + "?" + link.getRawQuery());
            check(browser, null, "portal password");
            driver.findElement(By.id("password")).sendKeys("a long portal password");
            driver.findElement(By.id("password_again")).sendKeys("a long portal password\n");
            browser.waiting().until(ExpectedConditions.textToBe(By.cssSelector("h1"), "My tickets"));
            check(browser, null, "portal tickets, signed in");
            driver.get(base + "/portal/tickets");
            check(browser, "portal", "portal tickets");
            driver.get(base + "/portal/tickets/" + day.richTicket);
            check(browser, null, "portal ticket");
            driver.get(base + "/portal/tickets/new");
            check(browser, null, "portal new ticket");
            driver.get(base + "/portal/chat");
            check(browser, null, "portal chat");

            String kb = base + "/accounts/" + day.tenant.accountId() + "/kb";
            driver.get(kb);
            check(browser, "help-center", "help center");
            driver.findElement(By.cssSelector("section.recent h3 a")).click();
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".article-body")));
            check(browser, null, "help center article");
            driver.get(kb + "/search?q=router");
            check(browser, null, "help center search");
        }
        assertThat(unlabelledCells).as("list cells without data-label").isEmpty();
    }

    /** Checks the page; saves the README's screenshot when asked for one (see the class comment). */
    private void check(Browser browser, String screenshot, String page) {
        browser.assertAccessible();
        // On a phone a list's rows become cards whose cells say what they are: a cell with data (not an action) needs its
        // label.
        Object unlabelled = ((JavascriptExecutor) browser.driver()).executeScript(
                "return Array.from(document.querySelectorAll('table.list tbody td:not([data-label])'))"
                        + ".filter(td => td.textContent.trim() !== '' && !td.querySelector('form, button, input')).map(td => td.textContent.trim()).slice(0, 5)");
        if (!((List<?>) unlabelled).isEmpty()) {
            unlabelledCells.add(page + ": " + unlabelled);
        }
        String directory = System.getProperty("atende.screenshots");
        if (screenshot != null && directory != null && !directory.isBlank()) {
            browser.saveScreenshot(Path.of(directory), screenshot);
        }
        String review = System.getProperty("atende.review-screenshots");
        if (review != null && !review.isBlank()) {
            // Every page as a desktop and a phone show it, for a person to look through before a release.
            var window = browser.driver().manage().window();
            String name = page.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
            for (int width : new int[] {WIDTH, PHONE_WIDTH}) {
                // The whole page, not the first screen: the window grows to the page's height (within reason).
                window.setSize(new Dimension(width, width == WIDTH ? HEIGHT : PHONE_HEIGHT));
                long height = (Long) ((JavascriptExecutor) browser.driver())
                        .executeScript("return document.documentElement.scrollHeight");
                window.setSize(new Dimension(width, (int) Math.min(height + 150, 6000)));
                browser.saveScreenshot(Path.of(review), name + "-" + width);
            }
            window.setSize(new Dimension(WIDTH, HEIGHT));
        }
    }

    private static ApiResponse ok(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response;
    }

    /** An internet provider's help desk in the middle of a working day. */
    private final class Day {

        final Tenant tenant;
        /** The help desk's CRM, which files tickets and chats; the pages name it in the ticket's history. */
        final ApiClient crm;
        final TestTenants.Operator admin;
        final List<String> customers = new ArrayList<>();
        final String organization;
        final String richTicket;
        final String chat;
        final String article;

        Day(Tenant tenant) {
            this.tenant = tenant;
            String accountId = tenant.accountId();
            accounts.update(accountId, new UpdateAccount("Lumen Fiber", null, TestTenants.GENEROUS, null, "en"));
            crm = new ApiClient(tenants.port(), accounts.issueToken(accountId,
                    new IssueToken("CRM integration", TokenScope.WRITE, List.of(), TestTenants.GENEROUS)).secret());
            String secret = "tour-pass-" + System.nanoTime();
            String email = "ana.ribeiro" + System.nanoTime() + "@lumenfiber.example";
            var ana = operators.create(accountId, new CreateOperator("Ana Ribeiro", email, secret, OperatorRole.ADMIN, true));
            admin = new TestTenants.Operator(accountId, ana.id(), ana.name(), email, secret);
            String bruno = colleague("Bruno Costa");
            String priya = colleague("Priya Shah");
            for (String operator : List.of(admin.id(), bruno)) {
                ok(tenant.admin().post("/operator/availability", "operator_id", operator, "availability", "online"));
            }

            String support = ok(tenant.admin().post("/department/new", "name", "Technical support")).id();
            String billing = ok(tenant.admin().post("/department/new", "name", "Billing")).id();
            for (String department : List.of(support, billing)) {
                for (String operator : List.of(admin.id(), bruno, priya)) {
                    ok(tenant.admin().post("/department/operator/add", "department_id", department, "operator_id", operator));
                }
            }
            organization = ok(crm.post("/organization/new", "name", "Harbour Street Bakery")).id();
            String[][] people = {
                    {"Mariana Alves", "mariana.alves@example.com", organization},
                    {"James O'Connor", "james.oconnor@example.com", organization},
                    {"Sofia Martínez", "sofia.martinez@example.com", null},
                    {"Daniel Kim", "daniel.kim@example.com", null},
                    {"Grace Mensah", "grace.mensah@example.com", null}};
            for (String[] person : people) {
                var params = new ArrayList<>(List.of("customer_id", "CRM-" + (1001 + customers.size()), "name", person[0],
                        "email", person[1], "language", "en", "phone", "+1 415 555 01" + (20 + customers.size())));
                if (person[2] != null) {
                    params.addAll(List.of("organization_id", person[2]));
                }
                customers.add(ok(crm.post("/customer/new", params.toArray(String[]::new))).id());
            }

            richTicket = ticket(0, support, "Internet drops every evening around 8 pm", 3, admin.id(),
                    "Since Monday the connection drops every evening around 8 pm and comes back after ten minutes. "
                            + "The router's light turns red while it is down.");
            ok(crm.post("/ticket/reply/operator", "ticket_id", richTicket, "message",
                    "<p>Hi Mariana, thanks for the details. Our monitoring shows <strong>signal loss on your fiber line</strong> "
                            + "at those times. Could you try this before tonight?</p><ol><li>Unplug the router for 30 seconds.</li>"
                            + "<li>Check that the green fiber cable is not bent behind the furniture.</li>"
                            + "<li>Note the time of the next drop.</li></ol><p>If it happens again, we will send a technician "
                            + "— see <a href=\"https://lumenfiber.example/help/router-lights\">what the router lights mean</a>.</p>"));
            ok(crm.post("/ticket/reply/customer", "ticket_id", richTicket, "message",
                    "Done, the cable was bent behind the bookshelf. I'll let you know tonight!"));
            ok(crm.post("/ticket/tag/add", "ticket_id", richTicket, "tag", "fiber"));
            ok(crm.post("/ticket/follower/add", "ticket_id", richTicket, "email", "landlord@harbourstreet.example"));
            ok(crm.post("/ticket/comment", "ticket_id", richTicket, "comment",
                    "Line test shows -27 dBm in the evenings; book a technician if it drops again."));
            ticket(1, billing, "Charged twice for November", 4, admin.id(),
                    "My card statement shows two payments of $59.90 for November. Please refund one of them.");
            ticket(2, support, "Wi-Fi does not reach the upstairs office", 2, bruno,
                    "The signal is weak upstairs. Do you offer a mesh extender with the 500 Mb plan?");
            ticket(3, billing, "Change the invoice due date to the 15th", 1, null,
                    "Could my invoices be due on the 15th instead of the 5th, starting next month?");
            ticket(4, support, "Moving to a new address on the 20th", 2, null,
                    "We are moving to 48 Elm Road on the 20th. Can the installation be scheduled for that morning?");
            String tvBox = ticket(1, support, "TV box shows error E-104 after update", 3, priya,
                    "After last night's update the TV box only shows error E-104.");
            ok(crm.post("/ticket/finish", "ticket_id", tvBox, "message",
                    "We rolled the update back remotely; the TV box works again after a restart."));
            String password = ticket(4, support, "Forgot the Wi-Fi password", 2, bruno,
                    "I reset the router and now I don't know the Wi-Fi password.");
            ok(crm.post("/ticket/finish", "ticket_id", password, "message",
                    "After a reset the password is the one printed on the label under the router."));
            ticket(0, billing, "Request an itemized invoice for the bakery", 2, admin.id(),
                    "Our accountant needs an itemized invoice for October with our tax number.");

            chat = ok(crm.post("/chat/new", "customer_id", "CRM-1001", "department_id", support, "message",
                    "Hi! Is there an outage in the Riverside area? My internet is down.")).id();
            ok(crm.post("/chat/accept", "chat_id", chat, "operator_id", admin.id()));
            ok(crm.post("/chat/message", "chat_id", chat, "sender_type", "A", "message",
                    "Hi Mariana, yes: a cable was cut on Riverside Avenue. The crew expects to finish by 4 pm."));
            ok(crm.post("/chat/message", "chat_id", chat, "sender_type", "C", "message",
                    "Thanks! Will I get a discount for the hours without service?"));
            ok(crm.post("/chat/new", "customer_id", "CRM-1004", "department_id", billing, "message",
                    "Hello, how do I download my last three invoices?"));
            ok(crm.post("/chat/new", "customer_id", "CRM-1005", "department_id", support, "message",
                    "My new router arrived. Which port does the fiber cable go into?"));

            ok(tenant.admin().post("/macro/new", "name", "Outage in your area", "reply",
                    "Hi {{customer.name}}, there is a known outage in your area and our team is on it."));
            String category = ok(tenant.writer().post("/kb/category/new", "name", "Getting connected")).id();
            article = ok(tenant.writer().post("/kb/article/new", "category_id", category, "title", "What the router lights mean",
                    "body", "<p>The <strong>green</strong> light means the fiber line is up. A <strong>red</strong> light means "
                            + "no signal: check that the fiber cable is firmly plugged and not bent.</p>", "published", "1")).id();
            ok(tenant.writer().post("/kb/article/new", "category_id", category, "title", "Setting up your Wi-Fi router",
                    "body", "<p>Connect the router to the fiber box with the green cable, wait two minutes and join the "
                            + "network printed under the router.</p>", "published", "1"));
            ok(tenant.writer().post("/kb/article/new", "category_id", category, "title", "Paying your invoice by card",
                    "body", "<p>Open <em>My invoices</em> in the portal and choose <em>Pay by card</em>.</p>", "published", "1"));
        }

        private String colleague(String name) {
            return ok(tenant.admin().post("/operator/new", "name", name, "email",
                    name.toLowerCase().replace(' ', '.') + System.nanoTime() + "@lumenfiber.example")).id();
        }

        private String ticket(int customer, String department, String subject, int priority, String operator, String message) {
            var params = new ArrayList<>(List.of("customer_id", "CRM-" + (1001 + customer), "department_id", department,
                    "subject", subject, "message", message, "priority", String.valueOf(priority)));
            if (operator != null) {
                params.addAll(List.of("operator_id", operator));
            }
            return ok(crm.post("/ticket/new", params.toArray(String[]::new))).json().get("ticket_id").asString();
        }
    }
}
