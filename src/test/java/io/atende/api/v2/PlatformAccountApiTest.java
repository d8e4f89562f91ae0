package io.atende.api.v2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.atende.support.ApiClient;
import io.atende.support.ApiResponse;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The installation's own endpoints, with a platform token configured. The only API test with a
 * property set of its own, so the only one that starts a second server.
 */
@ApiTest
@TestPropertySource(properties = "atende.platform-token=" + PlatformAccountApiTest.PLATFORM_TOKEN)
class PlatformAccountApiTest {

    static final String PLATFORM_TOKEN = "platform-token-for-tests-7f3c1a9e5b2d4f60";

    @Autowired
    TestTenants tenants;

    ApiClient platform;
    Tenant tenant;

    @BeforeEach
    void clients() {
        platform = new ApiClient(tenants.port(), PLATFORM_TOKEN);
        tenant = tenants.create();
    }

    @Test
    void createsAnAccountWithAFirstAdminTokenShownOnce() {
        var created = platform.post("/account/new", "name", " Padaria Pão Quente ", "time_zone", "America/Manaus");

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.id()).matches("[0-9a-f]{32}");
        var data = created.data();
        assertThat(data.get("id").asString()).isEqualTo(created.id());
        assertThat(data.get("name").asString()).isEqualTo("Padaria Pão Quente");
        assertThat(data.get("time_zone").asString()).isEqualTo("America/Manaus");
        assertThat(data.get("creation_date").asString()).endsWith("-04:00");
        var adminToken = data.get("admin_token");
        assertThat(adminToken.get("scope").asString()).isEqualTo("admin");
        String secret = adminToken.get("token").asString();
        assertThat(secret).startsWith("atd_");

        var admin = new ApiClient(tenants.port(), secret);
        var details = admin.get("/account/details");
        assertThat(details.status()).isEqualTo(200);
        assertThat(details.data().get("id").asString()).isEqualTo(created.id());
        assertThat(details.data().get("name").asString()).isEqualTo("Padaria Pão Quente");
        var tokens = admin.get("/token/list");
        assertThat(tokens.json().get("size").asInt()).isEqualTo(1);
        assertThat(tokens.data().get(0).get("id").asString()).isEqualTo(adminToken.get("id").asString());
        assertThat(tokens.text()).doesNotContain(secret);
        assertThat(admin.get("/department/list").json().get("size").asInt()).isZero();
    }

    @Test
    void theTimeZoneDefaultsToTheInstallationOne() {
        var created = platform.postJson("/account/new", Map.of("name", "Sem fuso"));

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.data().get("time_zone").asString()).isEqualTo("America/Sao_Paulo");
    }

    @Test
    void refusesAMissingNameOrABadTimeZoneAndCreatesNothing() {
        long before = platform.get("/account/list").json().get("size").asLong();

        var noName = platform.post("/account/new", "time_zone", "UTC");
        var tooLong = platform.post("/account/new", "name", "x".repeat(251));
        var badZone = platform.post("/account/new", "name", "Fuso ruim", "time_zone", "Brasil/Brasilia");
        var blankZone = platform.post("/account/new", "name", "Fuso vazio", "time_zone", " ");

        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.message()).contains("\"name\"");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(badZone.status()).isEqualTo(400);
        assertThat(badZone.message()).contains("time_zone");
        assertThat(blankZone.status()).isEqualTo(400);
        assertThat(platform.get("/account/list").json().get("size").asLong()).isEqualTo(before);
    }

    @Test
    void listsEveryAccountOfTheInstallationPageByPage() {
        String created = platform.post("/account/new", "name", "Listada").id();

        var first = platform.get("/account/list");
        assertThat(first.status()).isEqualTo(200);
        long size = first.json().get("size").asLong();
        int pages = first.json().get("pages").asInt();
        assertThat(size).isGreaterThanOrEqualTo(2);
        assertThat(pages).isEqualTo((int) ((size + 49) / 50));
        assertThat(first.data().get(0).has("time_zone")).isTrue();
        assertThat(first.data().get(0).has("admin_token")).isFalse();

        List<String> ids = new ArrayList<>();
        for (int page = 1; page <= pages; page++) {
            platform.get("/account/list", "page", Integer.toString(page)).data().forEach(item -> ids.add(item.get("id").asString()));
        }
        assertThat(ids).hasSize((int) size).doesNotHaveDuplicates().contains(created, tenant.accountId());
        assertThat(platform.get("/account/list", "page", Integer.toString(pages + 1)).status()).isEqualTo(404);
        assertThat(platform.get("/account/list", "page", "0").status()).isEqualTo(400);
    }

    @Test
    void thePlatformTokenMayAlsoBeSentBare() {
        var bare = platform.withBareToken().get("/account/list");

        assertThat(bare.status()).isEqualTo(200);
    }

    @Test
    void accountTokensEvenAdminOnesGet401OnPlatformEndpoints() {
        for (var client : List.of(tenant.admin(), tenant.admin().withBareToken(), tenant.writer(), tenant.reader(), tenant.anonymous(),
                new ApiClient(tenants.port(), PLATFORM_TOKEN + "x"))) {
            ApiResponse created = client.post("/account/new", "name", "Intrusa");
            assertThat(created.status()).isEqualTo(401);
            assertThat(created.message()).contains("platform token");
            assertThat(client.get("/account/list").status()).isEqualTo(401);
        }
    }

    @Test
    void thePlatformTokenIsNotAnAccountToken() {
        for (String path : List.of("/account/details", "/department/list", "/status/list", "/token/list", "/custom_field/list")) {
            assertThat(platform.get(path).status()).as(path).isEqualTo(401);
        }
        assertThat(platform.post("/account/update", "name", "X").status()).isEqualTo(401);
        assertThat(platform.post("/token/new", "name", "X", "scope", "admin").status()).isEqualTo(401);
    }

    @Test
    void accountsMadeByThePlatformAreIsolatedFromEachOther() {
        String first = platform.post("/account/new", "name", "Primeira").data().get("admin_token").get("token").asString();
        String second = platform.post("/account/new", "name", "Segunda").data().get("admin_token").get("token").asString();
        var firstAdmin = new ApiClient(tenants.port(), first);
        var secondAdmin = new ApiClient(tenants.port(), second);

        String status = firstAdmin.post("/status/new", "name", "Só da primeira").id();

        assertThat(secondAdmin.get("/status/list").json().get("size").asInt()).isZero();
        assertThat(secondAdmin.post("/status/delete", "status_id", status).status()).isEqualTo(404);
        assertThat(secondAdmin.get("/account/details").data().get("name").asString()).isEqualTo("Segunda");
    }
}
