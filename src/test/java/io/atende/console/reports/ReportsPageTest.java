package io.atende.console.reports;

import java.time.LocalDate;
import java.time.ZoneId;

import io.atende.operator.OperatorRole;
import io.atende.support.ApiResponse;
import io.atende.support.ApiTest;
import io.atende.support.Browser;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/console.md, Reports: the dashboard an admin reads, its CSV downloads, and who may see it. */
@ApiTest
class ReportsPageTest {

    @Autowired
    TestTenants tenants;

    Tenant tenant;
    String today;

    @BeforeEach
    void aFewTickets() {
        tenant = tenants.create();
        today = LocalDate.now(ZoneId.of("America/Sao_Paulo")).toString();
        String department = ok(tenant.admin().post("/department/new", "name", "Suporte")).id();
        ok(tenant.writer().post("/customer/new", "customer_id", "c-1", "name", "Carla", "email", "carla@example.com"));
        for (int i = 0; i < 3; i++) {
            ok(tenant.writer().post("/ticket/new", "customer_id", "c-1", "department_id", department, "subject",
                    "Impressora " + i, "message", "Não imprime"));
        }
    }

    static ApiResponse ok(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response;
    }

    @Test
    void anAdminSeesThePeriodBesideThePreviousOneWithChartsTablesAndDownloads() {
        var admin = tenants.signedIn(tenant.accountId(), OperatorRole.ADMIN).session();
        var page = admin.get("/console/reports");
        assertThat(page.status()).isEqualTo(200);
        var created = page.document().select("#headlines tbody tr").first();
        assertThat(created.select("td").eachText()).containsExactly("3", "0");
        assertThat(page.document().select(".report-chart")).hasSize(6);
        assertThat(page.document().select(".report-chart svg[role=img]")).hasSize(6);
        assertThat(page.document().select(".report-chart details table")).as("each chart has its table").hasSize(6);
        var lastDay = page.document().select("#ticket-table tbody tr").get(29).select("td").eachText();
        assertThat(lastDay.get(0)).isEqualTo(today);
        assertThat(lastDay.get(2)).isEqualTo("3");

        var csv = admin.get("/console/reports/tickets.csv?from=" + today + "&to=" + today);
        assertThat(csv.status()).isEqualTo(200);
        var api = tenant.reader().get("/report/tickets", "from", today, "to", today, "format", "csv");
        assertThat(csv.body()).isEqualTo(api.text());
        assertThat(admin.get("/console/reports/operators.csv?from=" + today + "&to=" + today).body())
                .startsWith("group,name,tickets_handled");
        assertThat(admin.get("/console/reports/chats.csv?from=" + today + "&to=" + today).body()).startsWith("group,name,queued");
        assertThat(admin.get("/console/reports/nothing.csv").status()).isEqualTo(404);

        var byWeek = admin.get("/console/reports?group_by=week&from=" + today + "&to=" + today);
        assertThat(byWeek.document().select("#ticket-table tbody tr")).hasSize(2);
    }

    @Test
    void aBadPeriodIsRefusedInPlace() {
        var admin = tenants.signedIn(tenant.accountId(), OperatorRole.ADMIN).session();
        var reversed = admin.get("/console/reports?from=2026-03-05&to=2026-03-01");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.text("[role=alert]")).contains("from");
        assertThat(admin.get("/console/reports?from=yesterday").status()).isEqualTo(400);
        assertThat(admin.get("/console/reports?group_by=department").status()).isEqualTo(400);
        assertThat(admin.get("/console/reports/tickets.csv?from=yesterday").status()).isEqualTo(400);
    }

    @Test
    void operatorsAndOtherAccountsAreKeptOut() {
        var operator = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR).session();
        assertThat(operator.get("/console/reports").status()).isEqualTo(403);
        assertThat(operator.get("/console/reports/tickets.csv").status()).isEqualTo(403);

        var other = tenants.create();
        var otherAdmin = tenants.signedIn(other.accountId(), OperatorRole.ADMIN).session();
        var theirs = otherAdmin.get("/console/reports");
        assertThat(theirs.document().select("#headlines tbody tr").first().select("td").eachText()).containsExactly("0", "0");
    }

    @Test
    void anAdminAsksForARecountFromTheDashboardAndAnOperatorCannot() throws InterruptedException {
        var operator = tenants.signedIn(tenant.accountId(), OperatorRole.OPERATOR).session();
        operator.get("/console/tickets");
        assertThat(operator.post("/console/reports/recount").status()).isEqualTo(403);
        assertThat(ok(tenant.admin().get("/report/recount")).data().get("pending").asBoolean()).isFalse();

        var admin = tenants.signedIn(tenant.accountId(), OperatorRole.ADMIN).session();
        assertThat(admin.get("/console/reports").document().select("#recount form[method=post] button")).hasSize(1);
        var requested = admin.post("/console/reports/recount");
        assertThat(requested.redirectPath()).isEqualTo("/console/reports");
        var page = admin.get("/console/reports");
        assertThat(page.text(".notice")).isEqualTo("Recontagem solicitada: ela roda em segundo plano.");

        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (ok(tenant.admin().get("/report/recount")).data().get("pending").asBoolean()) {
            assertThat(System.nanoTime()).as("the recount finished within a minute").isLessThan(deadline);
            Thread.sleep(50);
        }
        var after = admin.get("/console/reports");
        assertThat(after.document().select("#headlines tbody tr").first().select("td").eachText()).containsExactly("3", "0");
        assertThat(after.document().select("#recount [role=status]")).as("nothing pending any more").isEmpty();
    }

    @Test
    void inABrowserTheDashboardIsReachedFromTheMenu() {
        var admin = tenants.operator(tenant.accountId(), OperatorRole.ADMIN);
        String base = "http://localhost:" + tenants.port();
        try (var browser = Browser.open()) {
            var driver = browser.driver();
            driver.get(base + "/console/sign-in");
            driver.findElement(By.id("email")).sendKeys(admin.email());
            driver.findElement(By.id("password")).sendKeys(admin.password() + "\n");
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.topbar")));
            driver.findElement(By.cssSelector("nav a[href='/console/reports']")).click();
            browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("chart-volume")));
            assertThat(driver.findElement(By.cssSelector("#chart-volume svg")).isDisplayed()).isTrue();
            browser.screenshot("console-reports");
        }
    }
}
