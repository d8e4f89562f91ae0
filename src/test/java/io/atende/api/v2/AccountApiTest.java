package io.atende.api.v2;

import java.util.List;

import io.atende.support.ApiClient;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@ApiTest
class AccountApiTest {

    @Autowired
    TestTenants tenants;

    @Value("${atende.platform-token:}")
    String platformToken;

    Tenant tenant;

    @BeforeEach
    void newAccount() {
        tenant = tenants.create();
    }

    @Test
    void anyTokenSeesItsOwnAccount() {
        var details = tenant.reader().get("/account/details");

        assertThat(details.status()).isEqualTo(200);
        var account = details.data();
        assertThat(account.get("id").asString()).isEqualTo(tenant.accountId());
        assertThat(account.get("name").asString()).startsWith("Test ");
        assertThat(account.get("time_zone").asString()).isEqualTo("America/Sao_Paulo");
        assertThat(account.get("rate_limit").get("per_second").asInt()).isEqualTo(TestTenants.GENEROUS.perSecond());
        assertThat(account.get("rate_limit").get("burst").asInt()).isEqualTo(TestTenants.GENEROUS.burst());
        assertThat(account.get("creation_date").asString()).endsWith("-03:00");
        assertThat(tenant.writer().get("/account/details").data()).isEqualTo(account);
        assertThat(tenant.anonymous().get("/account/details").status()).isEqualTo(401);
    }

    @Test
    void updatesNameAndTimeZoneAndDatesFollowTheZone() {
        var updated = tenant.admin().post("/account/update", "name", " Acme Ltda ", "time_zone", "Asia/Tokyo");

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.data().get("name").asString()).isEqualTo("Acme Ltda");
        assertThat(updated.data().get("time_zone").asString()).isEqualTo("Asia/Tokyo");
        var details = tenant.reader().get("/account/details").data();
        assertThat(details.get("name").asString()).isEqualTo("Acme Ltda");
        assertThat(details.get("time_zone").asString()).isEqualTo("Asia/Tokyo");
        assertThat(details.get("creation_date").asString()).endsWith("+09:00");
        String status = tenant.writer().post("/status/new", "name", "X").id();
        assertThat(status).isNotNull();
        assertThat(tenant.admin().post("/token/new", "name", "Y", "scope", "read").data().get("creation_date").asString())
                .endsWith("+09:00");
    }

    @Test
    void omittedParametersKeepTheirValue() {
        tenant.admin().post("/account/update", "name", "Acme");

        tenant.admin().post("/account/update", "time_zone", "UTC");

        var details = tenant.reader().get("/account/details").data();
        assertThat(details.get("name").asString()).isEqualTo("Acme");
        assertThat(details.get("time_zone").asString()).isEqualTo("UTC");
        assertThat(details.get("rate_limit").get("burst").asInt()).isEqualTo(TestTenants.GENEROUS.burst());
    }

    @Test
    void refusesBadValuesAndChangesNothing() {
        JsonNode before = tenant.reader().get("/account/details").data();

        for (String zone : List.of("Mars/Olympus", "-03:00", "GMT-3", "Sao Paulo", " ")) {
            var refused = tenant.admin().post("/account/update", "name", "Outro", "time_zone", zone);
            assertThat(refused.status()).as(zone).isEqualTo(400);
            assertThat(refused.message()).as(zone).contains("time_zone");
        }
        assertThat(tenant.admin().post("/account/update", "name", " ").status()).isEqualTo(400);
        assertThat(tenant.admin().post("/account/update", "name", "x".repeat(251)).status()).isEqualTo(400);
        assertThat(tenant.admin().post("/account/update", "name", "Outro", "rate_limit_per_second", "10").status()).isEqualTo(400);
        assertThat(tenant.admin().post("/account/update", "name", "Outro", "rate_limit_burst", "10").status()).isEqualTo(400);
        assertThat(tenant.admin().post("/account/update", "name", "Outro", "rate_limit_per_second", "0", "rate_limit_burst", "10")
                .status()).isEqualTo(400);
        assertThat(tenant.admin().post("/account/update", "name", "Outro", "rate_limit_per_second", "10",
                "rate_limit_burst", "100001").status()).isEqualTo(400);

        assertThat(tenant.reader().get("/account/details").data()).isEqualTo(before);
    }

    @Test
    void theAccountRateLimitAppliesToTokensWithoutTheirOwn() {
        String ownLimit = tenant.admin().post("/token/new", "name", "Próprio", "scope", "read",
                "rate_limit_per_second", "1000", "rate_limit_burst", "1000").data().get("token").asString();

        var updated = tenant.admin().post("/account/update", "rate_limit_per_second", "1", "rate_limit_burst", "1");

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.data().get("rate_limit").get("per_second").asInt()).isEqualTo(1);
        assertThat(updated.data().get("rate_limit").get("burst").asInt()).isEqualTo(1);
        assertThat(tenant.reader().get("/status/list").status()).isEqualTo(200);
        assertThat(tenant.reader().getUntilThrottled("/status/list", 10).status()).isEqualTo(429);
        var unaffected = new ApiClient(tenants.port(), ownLimit);
        assertThat(unaffected.get("/status/list").status()).isEqualTo(200);
        assertThat(unaffected.get("/status/list").status()).isEqualTo(200);
    }

    @Test
    void updatingNeedsAnAdminToken() {
        String name = tenant.reader().get("/account/details").data().get("name").asString();

        assertThat(tenant.writer().post("/account/update", "name", "X").status()).isEqualTo(403);
        assertThat(tenant.reader().post("/account/update", "name", "X").status()).isEqualTo(403);
        assertThat(tenant.anonymous().post("/account/update", "name", "X").status()).isEqualTo(401);
        assertThat(tenant.reader().get("/account/details").data().get("name").asString()).isEqualTo(name);
    }

    @Test
    void eachAccountSeesAndChangesOnlyItself() {
        var other = tenants.create();

        other.admin().post("/account/update", "name", "Outra empresa", "time_zone", "Europe/Madrid");

        assertThat(other.reader().get("/account/details").data().get("id").asString()).isEqualTo(other.accountId());
        var mine = tenant.reader().get("/account/details").data();
        assertThat(mine.get("id").asString()).isEqualTo(tenant.accountId());
        assertThat(mine.get("name").asString()).isNotEqualTo("Outra empresa");
        assertThat(mine.get("time_zone").asString()).isEqualTo("America/Sao_Paulo");
    }

    @Test
    void accountTokensCannotUseThePlatformEndpoints() {
        for (var client : List.of(tenant.admin(), tenant.admin().withBareToken(), tenant.writer(), tenant.anonymous())) {
            assertThat(client.post("/account/new", "name", "Intrusa").status()).isEqualTo(401);
            assertThat(client.get("/account/list").status()).isEqualTo(401);
        }
    }

    @Test
    void platformEndpointsAreDisabledWhenNoPlatformTokenIsSet() {
        assumeTrue(platformToken.isBlank(), "ATENDE_PLATFORM_TOKEN is set in this environment");

        for (String presented : List.of("", "Bearer ", "Bearer anything-at-all", "null")) {
            var client = tenant.anonymous().withHeader("Authorization", presented);
            var created = client.post("/account/new", "name", "Intrusa");
            assertThat(created.status()).as(presented).isEqualTo(401);
            assertThat(created.message()).contains("platform token");
            assertThat(client.get("/account/list").status()).as(presented).isEqualTo(401);
        }
    }
}
