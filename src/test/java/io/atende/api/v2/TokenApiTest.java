package io.atende.api.v2;

import java.util.ArrayList;
import java.util.List;

import io.atende.account.TokenScope;
import io.atende.support.ApiClient;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@ApiTest
class TokenApiTest {

    /** The tokens every test account starts with: its first admin token, a write and a read token. */
    static final int INITIAL_TOKENS = 3;

    @Autowired
    TestTenants tenants;

    Tenant tenant;

    @BeforeEach
    void newAccount() {
        tenant = tenants.create();
    }

    @Test
    void issuesATokenAndShowsItsSecretOnlyInTheAnswer() {
        var issued = tenant.admin().post("/token/new", "name", " Integração ERP ", "scope", "write");

        assertThat(issued.status()).isEqualTo(200);
        assertThat(issued.id()).matches("[0-9a-f]{32}");
        var data = issued.data();
        String secret = data.get("token").asString();
        assertThat(secret).startsWith("atd_").hasSizeGreaterThanOrEqualTo(47);
        assertThat(data.get("id").asString()).isEqualTo(issued.id());
        assertThat(data.get("name").asString()).isEqualTo("Integração ERP");
        assertThat(data.get("scope").asString()).isEqualTo("write");
        assertThat(data.get("hint").asString()).isEqualTo(secret.substring(0, 8));
        assertThat(data.get("allowed_ips").size()).isZero();
        assertThat(data.get("rate_limit").get("per_second").isNull()).isTrue();
        assertThat(data.get("rate_limit").get("burst").isNull()).isTrue();
        assertThat(data.get("creation_date").asString()).endsWith("-03:00");

        var listed = tenant.admin().get("/token/list");
        assertThat(listed.text()).doesNotContain(secret);
        var item = byId(listed.data(), issued.id());
        assertThat(item.has("token")).isFalse();
        assertThat(item.get("hint").asString()).isEqualTo(secret.substring(0, 8));
        assertThat(item.get("scope").asString()).isEqualTo("write");
        assertThat(item.get("revoked").asBoolean()).isFalse();
        assertThat(item.get("revocation_date").isNull()).isTrue();
        assertThat(item.get("last_use_date").isNull()).isTrue();
    }

    @Test
    void anIssuedTokenWorksWithItsScope() {
        String readSecret = tenant.admin().post("/token/new", "name", "Painel", "scope", "READ").data().get("token").asString();
        var reader = new ApiClient(tenants.port(), readSecret);
        String writeSecret = tenant.admin().post("/token/new", "name", "Robô", "scope", "write").data().get("token").asString();
        var writer = new ApiClient(tenants.port(), writeSecret);

        assertThat(reader.get("/status/list").status()).isEqualTo(200);
        assertThat(reader.post("/status/new", "name", "X").status()).isEqualTo(403);
        assertThat(writer.post("/status/new", "name", "X").status()).isEqualTo(200);
        assertThat(writer.get("/token/list").status()).isEqualTo(403);
        String admin = tenant.admin().post("/token/new", "name", "Outro admin", "scope", "admin").id();
        assertThat(byId(tenant.admin().get("/token/list").data(), admin).get("scope").asString()).isEqualTo("admin");
    }

    @Test
    void listsTokensOldestFirstWithTheirUse() {
        var listed = tenant.admin().get("/token/list");

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("size").asInt()).isEqualTo(INITIAL_TOKENS);
        assertThat(listed.json().get("pages").asInt()).isEqualTo(1);
        assertThat(listed.json().get("current_page").asInt()).isEqualTo(1);
        assertThat(listed.json().get("next_page").isNull()).isTrue();
        assertThat(scopes(listed.data())).containsExactlyInAnyOrder("admin", "write", "read");
        for (var item : listed.data()) {
            // The admin token lists the tokens, so it has been used; the others have not.
            assertThat(item.get("last_use_date").isNull()).isEqualTo(!item.get("scope").asString().equals("admin"));
        }
    }

    @Test
    void listPagesAreChecked() {
        assertThat(tenant.admin().get("/token/list", "page", "2").status()).isEqualTo(404);
        assertThat(tenant.admin().get("/token/list", "page", "0").status()).isEqualTo(400);
        assertThat(tenant.admin().get("/token/list", "page", "abc").status()).isEqualTo(400);
    }

    @Test
    void nameAndScopeAreRequiredAndARefusalIssuesNothing() {
        var noName = tenant.admin().post("/token/new", "scope", "read");
        var tooLong = tenant.admin().post("/token/new", "name", "x".repeat(251), "scope", "read");
        var noScope = tenant.admin().post("/token/new", "name", "Painel");
        var badScope = tenant.admin().post("/token/new", "name", "Painel", "scope", "root");

        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.message()).contains("\"name\"");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(noScope.status()).isEqualTo(400);
        assertThat(noScope.message()).contains("scope");
        assertThat(badScope.status()).isEqualTo(400);
        assertThat(badScope.message()).contains("read, write, admin");
        assertThat(tenant.admin().get("/token/list").json().get("size").asInt()).isEqualTo(INITIAL_TOKENS);
    }

    @Test
    void anAllowListKeepsATokenToItsAddresses() {
        var local = tenant.admin().post("/token/new", "name", "Local", "scope", "read", "allowed_ips", " 127.0.0.1 , ::1,127.0.0.1");
        var remote = tenant.admin().post("/token/new", "name", "Remoto", "scope", "read", "allowed_ips", "203.0.113.0/24");

        assertThat(texts(local.data().get("allowed_ips"))).containsExactly("127.0.0.1", "::1");
        assertThat(new ApiClient(tenants.port(), local.data().get("token").asString()).get("/status/list").status()).isEqualTo(200);
        var refused = new ApiClient(tenants.port(), remote.data().get("token").asString()).get("/status/list");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(texts(byId(tenant.admin().get("/token/list").data(), remote.id()).get("allowed_ips"))).containsExactly("203.0.113.0/24");
    }

    @Test
    void refusesAnythingButAddressesAndRanges() {
        for (String bad : List.of("example.com", "999.1.1.1", "10.0.0.0/33", "1.2.3", "fe80::/200", "10.0.0.1,nope")) {
            var refused = tenant.admin().post("/token/new", "name", "X", "scope", "read", "allowed_ips", bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.message()).as(bad).contains("allowed_ips");
        }
        assertThat(tenant.admin().post("/token/new", "name", "X", "scope", "read", "allowed_ips", "10.0.0.0/8,fe80::/10").status())
                .isEqualTo(200);
        assertThat(tenant.admin().get("/token/list").json().get("size").asInt()).isEqualTo(INITIAL_TOKENS + 1);
    }

    @Test
    void aTokenMayHaveItsOwnRateLimitGivenAsBothNumbers() {
        var limited = tenant.admin().post("/token/new", "name", "Lento", "scope", "read",
                "rate_limit_per_second", "1", "rate_limit_burst", "1");

        assertThat(limited.status()).isEqualTo(200);
        assertThat(limited.data().get("rate_limit").get("per_second").asInt()).isEqualTo(1);
        assertThat(limited.data().get("rate_limit").get("burst").asInt()).isEqualTo(1);
        var client = new ApiClient(tenants.port(), limited.data().get("token").asString());
        assertThat(client.get("/status/list").status()).isEqualTo(200);
        var throttled = client.getUntilThrottled("/status/list", 10);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isNotNull();
        assertThat(byId(tenant.admin().get("/token/list").data(), limited.id()).get("rate_limit").get("burst").asInt()).isEqualTo(1);
    }

    @Test
    void refusesHalfARateLimitOrOneOutOfRange() {
        var onlyRate = tenant.admin().post("/token/new", "name", "X", "scope", "read", "rate_limit_per_second", "5");
        var onlyBurst = tenant.admin().post("/token/new", "name", "X", "scope", "read", "rate_limit_burst", "5");
        var zero = tenant.admin().post("/token/new", "name", "X", "scope", "read", "rate_limit_per_second", "0", "rate_limit_burst", "5");
        var huge = tenant.admin().post("/token/new", "name", "X", "scope", "read", "rate_limit_per_second", "5",
                "rate_limit_burst", "100001");
        var notANumber = tenant.admin().post("/token/new", "name", "X", "scope", "read", "rate_limit_per_second", "fast",
                "rate_limit_burst", "5");

        assertThat(onlyRate.status()).isEqualTo(400);
        assertThat(onlyRate.message()).contains("rate_limit_burst").contains("rate_limit_per_second");
        assertThat(onlyBurst.status()).isEqualTo(400);
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.message()).contains("rate_limit_per_second");
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.message()).contains("rate_limit_burst");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(tenant.admin().get("/token/list").json().get("size").asInt()).isEqualTo(INITIAL_TOKENS);
    }

    @Test
    void aRevokedTokenGets401AtOnce() {
        String writeTokenId = idOfScope("write");

        var revoked = tenant.admin().post("/token/revoke", "token_id", writeTokenId);

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.data().get("id").asString()).isEqualTo(writeTokenId);
        assertThat(revoked.data().get("revoked").asBoolean()).isTrue();
        assertThat(revoked.data().get("revocation_date").asString()).endsWith("-03:00");
        assertThat(tenant.writer().get("/status/list").status()).isEqualTo(401);
        assertThat(tenant.writer().post("/status/new", "name", "X").status()).isEqualTo(401);
        var listed = byId(tenant.admin().get("/token/list").data(), writeTokenId);
        assertThat(listed.get("revoked").asBoolean()).isTrue();
        assertThat(listed.get("revocation_date").isNull()).isFalse();
        assertThat(tenant.reader().get("/status/list").status()).isEqualTo(200);
    }

    @Test
    void revokingTwiceIs409AndAnUnknownTokenIs404() {
        String readTokenId = idOfScope("read");
        tenant.admin().post("/token/revoke", "token_id", readTokenId);

        var again = tenant.admin().post("/token/revoke", "token_id", readTokenId);
        var unknown = tenant.admin().post("/token/revoke", "token_id", "0".repeat(32));
        var missing = tenant.admin().post("/token/revoke");

        assertThat(again.status()).isEqualTo(409);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.message()).contains("token_id");
    }

    @Test
    void theLastActiveAdminTokenCannotBeRevoked() {
        String firstAdmin = idOfScope("admin");

        var refused = tenant.admin().post("/token/revoke", "token_id", firstAdmin);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.message()).contains("admin");
        assertThat(tenant.admin().get("/token/list").status()).isEqualTo(200);

        String secondSecret = tenant.admin().post("/token/new", "name", "Novo admin", "scope", "admin").data().get("token").asString();
        var secondAdmin = new ApiClient(tenants.port(), secondSecret);
        assertThat(secondAdmin.post("/token/revoke", "token_id", firstAdmin).status()).isEqualTo(200);
        assertThat(tenant.admin().get("/token/list").status()).isEqualTo(401);
        assertThat(secondAdmin.get("/token/list").status()).isEqualTo(200);
    }

    @Test
    void tokensAreManagedWithAnAdminTokenOnly() {
        String readTokenId = idOfScope("read");

        for (var client : List.of(tenant.writer(), tenant.reader())) {
            assertThat(client.post("/token/new", "name", "X", "scope", "admin").status()).isEqualTo(403);
            assertThat(client.get("/token/list").status()).isEqualTo(403);
            assertThat(client.post("/token/revoke", "token_id", readTokenId).status()).isEqualTo(403);
        }
        assertThat(tenant.anonymous().post("/token/new", "name", "X", "scope", "admin").status()).isEqualTo(401);
        assertThat(tenant.anonymous().get("/token/list").status()).isEqualTo(401);
        assertThat(tenant.anonymous().post("/token/revoke", "token_id", readTokenId).status()).isEqualTo(401);
        assertThat(tenant.admin().get("/token/list").json().get("size").asInt()).isEqualTo(INITIAL_TOKENS);
        assertThat(tenant.reader().get("/status/list").status()).isEqualTo(200);
    }

    @Test
    void anotherAccountSeesNoneOfThemAndGets404ForTheirIds() {
        String readTokenId = idOfScope("read");
        var other = tenants.create();

        var otherList = other.admin().get("/token/list");
        assertThat(otherList.json().get("size").asInt()).isEqualTo(INITIAL_TOKENS);
        assertThat(ids(otherList.data())).doesNotContain(readTokenId);
        assertThat(other.admin().post("/token/revoke", "token_id", readTokenId).status()).isEqualTo(404);
        assertThat(tenant.reader().get("/status/list").status()).isEqualTo(200);
        assertThat(byId(tenant.admin().get("/token/list").data(), readTokenId).get("revoked").asBoolean()).isFalse();
    }

    @Test
    void issuedTokensBelongToTheIssuingAccount() {
        tenant.writer().post("/status/new", "name", "Do primeiro");
        var other = tenants.create();
        String secret = other.admin().post("/token/new", "name", "Do outro", "scope", "read").data().get("token").asString();

        var seen = new ApiClient(tenants.port(), secret).get("/status/list");

        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.json().get("size").asInt()).isZero();
    }

    private String idOfScope(String scope) {
        for (var item : tenant.admin().get("/token/list").data()) {
            if (item.get("scope").asString().equals(scope) && !item.get("revoked").asBoolean()) {
                return item.get("id").asString();
            }
        }
        throw new AssertionError("no live " + scope + " token; expected " + TokenScope.valueOf(scope.toUpperCase()));
    }

    private static JsonNode byId(JsonNode items, String id) {
        for (var item : items) {
            if (item.get("id").asString().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no item " + id + " in " + items);
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    private static List<String> scopes(JsonNode items) {
        List<String> scopes = new ArrayList<>();
        items.forEach(item -> scopes.add(item.get("scope").asString()));
        return scopes;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asString()));
        return texts;
    }
}
