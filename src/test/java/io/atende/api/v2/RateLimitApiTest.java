package io.atende.api.v2;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.atende.account.AccountManagement;
import io.atende.account.TokenScope;
import io.atende.account.UpdateAccount;
import io.atende.platform.RateLimit;
import io.atende.support.ApiClient;
import io.atende.support.ApiResponse;
import io.atende.support.ApiTest;
import io.atende.support.MutableClock;
import io.atende.support.TestNodes;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/api.md, Rate limits over HTTP. The server's clock stands still unless a test moves it, so "at once"
 * really is at once and no assertion depends on how fast the machine is.
 */
@ApiTest
@DirtiesContext
@TestPropertySource(properties = "spring.datasource.hikari.maximum-pool-size=3")
class RateLimitApiTest {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-08-21T15:11:17Z"));

    @Autowired
    TestTenants tenants;

    @Autowired
    AccountManagement accounts;

    @Autowired
    Environment environment;

    Tenant tenant;

    @BeforeEach
    void newAccount() {
        tenant = tenants.create();
    }

    @Test
    void refusesTheRequestPastTheBurstWith429HeadersAndTheEnvelope() {
        var client = token(new RateLimit(2, 3));

        var allowed = List.of(client.get("/department/list"), client.get("/department/list"), client.get("/department/list"));
        var refused = client.get("/department/list");

        assertThat(allowed).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("RateLimit-Limit")).isEqualTo("3");
            assertThat(response.header("Retry-After")).isNull();
        });
        assertThat(allowed).extracting(response -> response.header("RateLimit-Remaining")).containsExactly("2", "1", "0");
        assertThat(allowed).extracting(response -> response.header("RateLimit-Reset")).containsExactly("1", "1", "2");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).startsWith("application/json");
        assertThat(refused.json().get("error").asBoolean()).isTrue();
        assertThat(refused.json().get("success").asBoolean()).isFalse();
        assertThat(refused.message()).contains("Too many requests");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.header("RateLimit-Limit")).isEqualTo("3");
        assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.header("RateLimit-Reset")).isEqualTo("2");
    }

    @Test
    void theBudgetComesBackWithTime() {
        var client = token(new RateLimit(2, 3));
        send(client, 4);

        CLOCK.advance(Duration.ofMillis(500));
        assertThat(client.get("/department/list").status()).isEqualTo(200);
        assertThat(client.get("/department/list").status()).isEqualTo(429);

        CLOCK.advance(Duration.ofMillis(1500));
        assertThat(send(client, 4)).containsExactly(200, 200, 200, 429);
    }

    @Test
    void aRefusedWriteChangesNothing() {
        var admin = tenants.client(tenant.accountId(), TokenScope.ADMIN, List.of(), new RateLimit(1, 1));

        assertThat(admin.post("/department/new", "name", "Suporte").status()).isEqualTo(200);
        assertThat(admin.post("/department/new", "name", "Financeiro").status()).isEqualTo(429);

        var listed = tenant.reader().get("/department/list");
        assertThat(listed.json().get("size").asInt()).isEqualTo(1);
        assertThat(listed.data().get(0).get("name").asString()).isEqualTo("Suporte");
    }

    @Test
    void otherTokensKeepTheirOwnBudget() {
        var limited = token(new RateLimit(1, 2));
        send(limited, 3);

        assertThat(token(new RateLimit(1, 2)).get("/department/list").status()).isEqualTo(200);
        assertThat(tenant.reader().get("/department/list").status()).isEqualTo(200);
        assertThat(tenants.create().reader().get("/department/list").status()).isEqualTo(200);
        assertThat(limited.get("/department/list").status()).isEqualTo(429);
    }

    @Test
    void aTokensOwnLimitBeatsItsAccountsLimit() {
        accounts.update(tenant.accountId(), new UpdateAccount(null, null, new RateLimit(1, 2)));
        var generous = token(new RateLimit(100, 10));
        var strict = token(new RateLimit(1, 1));
        var plain = token(null);

        assertThat(send(generous, 5)).containsOnly(200);
        assertThat(generous.get("/department/list").header("RateLimit-Limit")).isEqualTo("10");
        assertThat(send(strict, 2)).containsExactly(200, 429);
        assertThat(send(plain, 3)).containsExactly(200, 200, 429);
        assertThat(plain.get("/department/list").header("RateLimit-Limit")).isEqualTo("2");
    }

    @Test
    void withoutOverridesATokenGetsTheDefaultThirtyPerSecondInBurstsOfSixty() {
        var created = accounts.createAccount("Defaults " + System.nanoTime(), null);
        var client = new ApiClient(tenants.port(), created.adminToken().secret());

        var first = client.get("/department/list");
        assertThat(first.header("RateLimit-Limit")).isEqualTo("60");
        assertThat(first.header("RateLimit-Remaining")).isEqualTo("59");
        var rest = send(client, 60);
        assertThat(rest.subList(0, 59)).containsOnly(200);
        assertThat(rest.get(59)).isEqualTo(429);

        CLOCK.advance(Duration.ofSeconds(1));
        assertThat(send(client, 31)).containsOnlyOnce(429).endsWith(429);
    }

    @Test
    void twoNodesOnOneDatabaseShareOneBudgetPerToken() {
        var secret = token(new RateLimit(1, 4)).token();
        try (var secondNode = TestNodes.start(environment.getRequiredProperty("spring.datasource.url"), List.of(), FrozenClock.class)) {
            var first = new ApiClient(tenants.port(), secret);
            var second = new ApiClient(TestNodes.port(secondNode), secret);
            assertThat(TestNodes.port(secondNode)).isNotEqualTo(tenants.port());

            List<ApiResponse> alternating = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                alternating.add(first.get("/department/list"));
                alternating.add(second.get("/department/list"));
            }

            // Four in all, not four on each node.
            assertThat(alternating).extracting(ApiResponse::status).containsExactly(200, 200, 200, 200, 429, 429);
            assertThat(alternating.subList(0, 4)).extracting(response -> response.header("RateLimit-Remaining"))
                    .containsExactly("3", "2", "1", "0");

            CLOCK.advance(Duration.ofSeconds(1));
            assertThat(second.get("/department/list").status()).isEqualTo(200);
            assertThat(first.get("/department/list").status()).isEqualTo(429);
        }
    }

    private ApiClient token(RateLimit limit) {
        return tenants.client(tenant.accountId(), TokenScope.READ, List.of(), limit);
    }

    private static List<Integer> send(ApiClient client, int requests) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            statuses.add(client.get("/department/list").status());
        }
        return statuses;
    }

    /** Every node of the test reads the same standing clock. */
    @TestConfiguration(proxyBeanMethods = false)
    static class FrozenClock {

        @Bean
        @Primary
        Clock frozenClock() {
            return CLOCK;
        }
    }
}
