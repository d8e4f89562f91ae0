package io.atende.api.v2;

import java.util.List;

import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/reports.md: the reports answer no one without a token. Apart from ReportTicketsApiTest because refused tokens
 * draw on the address's budget of failures, which lives in the database on the real clock, and that test runs on a
 * clock of its own.
 */
@ApiTest
class ReportAccessApiTest {

    @Autowired
    TestTenants tenants;

    @Test
    void noReportAnswersWithoutAToken() {
        var tenant = tenants.create();
        for (String path : List.of("/report/tickets", "/report/operators", "/report/chats")) {
            var refused = tenant.anonymous().get(path);
            assertThat(refused.status()).as(path).isEqualTo(401);
            assertThat(refused.json().get("success").asBoolean()).isFalse();
        }
    }
}
