package io.atende.api.v2;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.atende.account.AccountManagement;
import io.atende.account.Caller;
import io.atende.account.IssueToken;
import io.atende.account.TokenScope;
import io.atende.support.ApiClient;
import io.atende.support.ApiResponse;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/api.md, Authentication: who may call, with which header, scope and address. */
@ApiTest
@DirtiesContext
@TestPropertySource(properties = "spring.datasource.hikari.maximum-pool-size=3")
class AuthenticationApiTest {

    @Autowired
    TestTenants tenants;

    @Autowired
    AccountManagement accounts;

    Tenant tenant;

    @BeforeEach
    void newAccount() {
        tenant = tenants.create();
    }

    @Test
    void acceptsTheTokenAsBearer() {
        assertSucceeds(tenant.reader().get("/department/list"));
    }

    @Test
    void acceptsTheBareTokenAsTheWholeAuthorizationHeader() {
        assertSucceeds(tenant.reader().withBareToken().get("/department/list"));
        assertSucceeds(tenant.admin().withBareToken().post("/department/new", "name", "Suporte"));
    }

    @Test
    void acceptsTheBearerSchemeInAnyCaseAndWithExtraSpaces() {
        String token = tenant.reader().token();

        assertSucceeds(sending("Authorization", "bearer " + token).get("/department/list"));
        assertSucceeds(sending("Authorization", "BEARER " + token).get("/department/list"));
        assertSucceeds(sending("Authorization", "Bearer    " + token + "  ").get("/department/list"));
    }

    @Test
    void refusesARequestWithoutToken() {
        assertUnauthorized(tenant.anonymous().get("/department/list"));
        assertUnauthorized(sending("Authorization", "").get("/department/list"));
        assertUnauthorized(sending("Authorization", "Bearer").get("/department/list"));
        assertUnauthorized(sending("Authorization", "Bearer ").get("/department/list"));
    }

    @Test
    void refusesAnUnknownToken() {
        assertUnauthorized(new ApiClient(tenants.port(), "atd_" + "A".repeat(43)).get("/department/list"));
        assertUnauthorized(new ApiClient(tenants.port(), tenant.reader().token() + "x").get("/department/list"));
        assertUnauthorized(new ApiClient(tenants.port(), tenant.reader().token().toUpperCase()).get("/department/list"));
    }

    @Test
    void refusesARevokedTokenAtOnce() {
        var issued = accounts.issueToken(tenant.accountId(), new IssueToken("to revoke", TokenScope.ADMIN, List.of(), null));
        var client = new ApiClient(tenants.port(), issued.secret());
        assertSucceeds(client.get("/department/list"));

        accounts.revokeToken(tenant.accountId(), issued.token().id());

        assertUnauthorized(client.get("/department/list"));
        assertUnauthorized(client.post("/department/new", "name", "After revocation"));
        assertThat(tenant.reader().get("/department/list").json().get("size").asInt()).isZero();
    }

    @Test
    void refusesATokenSentInAnyOtherHeader() {
        String token = tenant.admin().token();

        for (String header : List.of("X-Api-Key", "Token", "X-Auth-Token", "Api-Key", "Proxy-Authorization")) {
            assertUnauthorized(sending(header, token).get("/department/list"));
            assertUnauthorized(sending(header, "Bearer " + token).get("/department/list"));
        }
        assertUnauthorized(tenant.anonymous().get("/department/list", "token", token));
        assertUnauthorized(tenant.anonymous().get("/department/list", "access_token", token));
    }

    @Test
    void refusesOtherAuthorizationSchemes() {
        String token = tenant.admin().token();
        String basic = Base64.getEncoder().encodeToString((token + ":").getBytes(StandardCharsets.UTF_8));

        assertUnauthorized(sending("Authorization", "Basic " + basic).get("/department/list"));
        assertUnauthorized(sending("Authorization", "Token " + token).get("/department/list"));
        assertUnauthorized(sending("Authorization", "Bearer " + token + " " + token).get("/department/list"));
    }

    @Test
    void aReadTokenMayOnlyRead() {
        assertSucceeds(tenant.reader().get("/department/list"));
        assertSucceeds(tenant.reader().get("/operator/list"));

        assertForbidden(tenant.reader().post("/test/write-probe"));
        assertForbidden(tenant.reader().post("/department/new", "name", "Suporte"));
        assertForbidden(tenant.reader().postJson("/operator/new", Map.of("name", "Ana", "email", "ana@example.com")));
        assertThat(tenant.reader().get("/department/list").json().get("size").asInt()).isZero();
        assertThat(tenant.reader().get("/operator/list").json().get("size").asInt()).isZero();
    }

    @Test
    void aWriteTokenMayWriteButNotAdminister() {
        var written = tenant.writer().post("/test/write-probe");
        assertSucceeds(written);
        assertThat(written.data().asString()).isEqualTo(tenant.accountId());
        assertSucceeds(tenant.writer().get("/department/list"));

        var refused = tenant.writer().post("/department/new", "name", "Suporte");
        assertForbidden(refused);
        assertThat(refused.message()).contains("admin");
        assertForbidden(tenant.writer().post("/operator/new", "name", "Ana", "email", "ana@example.com"));
        assertThat(tenant.reader().get("/department/list").json().get("size").asInt()).isZero();
    }

    @Test
    void anAdminTokenMayDoEverything() {
        assertSucceeds(tenant.admin().get("/department/list"));
        assertSucceeds(tenant.admin().post("/test/write-probe"));
        assertSucceeds(tenant.admin().post("/department/new", "name", "Suporte"));
        assertSucceeds(tenant.admin().post("/operator/new", "name", "Ana", "email", "ana@example.com"));
    }

    @Test
    void aMissingTokenIsUnauthorizedEvenWhereTheScopeWouldAlsoFail() {
        assertUnauthorized(tenant.anonymous().post("/department/new", "name", "Suporte"));
        assertUnauthorized(tenant.anonymous().post("/test/write-probe"));
    }

    @Test
    void aTokenAllowedOnlyFromAnotherNetworkIsRefusedHere() {
        var client = tokenAllowedFrom("10.0.0.0/8");

        assertForbidden(client.get(at("localhost", "/department/list")));
        assertForbidden(client.get(at("127.0.0.1", "/department/list")));
        assertForbidden(client.get(at("[::1]", "/department/list")));
        assertThat(client.get(at("127.0.0.1", "/department/list")).message()).contains("IP");
    }

    @Test
    void aForwardedForHeaderDoesNotLetACallerClaimAnotherAddress() {
        var client = tokenAllowedFrom("10.0.0.0/8");

        assertForbidden(client.withHeader("X-Forwarded-For", "10.1.2.3").get(at("127.0.0.1", "/department/list")));
        assertForbidden(client.withHeader("X-Real-IP", "10.1.2.3").get(at("127.0.0.1", "/department/list")));
        assertForbidden(client.withHeader("Forwarded", "for=10.1.2.3").get(at("127.0.0.1", "/department/list")));
    }

    @Test
    void anIpv4AddressAllowsThatAddressOnly() {
        var client = tokenAllowedFrom("127.0.0.1");

        assertSucceeds(client.get(at("127.0.0.1", "/department/list")));
        assertForbidden(client.get(at("[::1]", "/department/list")));
    }

    @Test
    void anIpv6RangeAllowsThatRangeOnly() {
        var client = tokenAllowedFrom("::1/128");

        assertSucceeds(client.get(at("[::1]", "/department/list")));
        assertForbidden(client.get(at("127.0.0.1", "/department/list")));
    }

    @Test
    void bothLoopbackAddressesTogetherAllowLocalhost() {
        assertSucceeds(tokenAllowedFrom("10.0.0.0/8", "127.0.0.1", "::1/128").get(at("localhost", "/department/list")));
    }

    @Test
    void cidrRangesMatchByPrefix() {
        assertSucceeds(tokenAllowedFrom("127.0.0.0/8").get(at("127.0.0.1", "/department/list")));
        assertSucceeds(tokenAllowedFrom("127.0.0.0/31").get(at("127.0.0.1", "/department/list")));
        assertSucceeds(tokenAllowedFrom("0.0.0.0/0").get(at("127.0.0.1", "/department/list")));
        assertSucceeds(tokenAllowedFrom("::/0").get(at("[::1]", "/department/list")));
        assertForbidden(tokenAllowedFrom("127.0.0.2/31").get(at("127.0.0.1", "/department/list")));
        assertForbidden(tokenAllowedFrom("127.0.0.0/32").get(at("127.0.0.1", "/department/list")));
        assertForbidden(tokenAllowedFrom("fe80::/10").get(at("[::1]", "/department/list")));
    }

    @Test
    void aTokenOutsideItsAllowListChangesNothing() {
        var client = tenants.client(tenant.accountId(), TokenScope.ADMIN, List.of("10.0.0.0/8"), TestTenants.GENEROUS);

        assertForbidden(client.post(at("127.0.0.1", "/department/new"), "name", "Suporte"));
        assertThat(tenant.reader().get("/department/list").json().get("size").asInt()).isZero();
    }

    private ApiClient tokenAllowedFrom(String... ranges) {
        return tenants.client(tenant.accountId(), TokenScope.READ, List.of(ranges), TestTenants.GENEROUS);
    }

    private String at(String host, String path) {
        return "http://" + host + ":" + tenants.port() + "/v2.0" + path;
    }

    private ApiClient sending(String header, String value) {
        return tenant.anonymous().withHeader(header, value);
    }

    private static void assertSucceeds(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("error").asBoolean()).isFalse();
        assertThat(response.json().get("success").asBoolean()).isTrue();
    }

    private static void assertUnauthorized(ApiResponse response) {
        assertRefused(response, 401);
        assertThat(response.message()).contains("token");
    }

    private static void assertForbidden(ApiResponse response) {
        assertRefused(response, 403);
    }

    private static void assertRefused(ApiResponse response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.json().get("error").asBoolean()).isTrue();
        assertThat(response.json().get("success").asBoolean()).isFalse();
        assertThat(response.message()).isNotBlank();
    }

    /** No write-scope endpoint exists yet outside the admin ones; this one stands in for them. */
    @TestConfiguration(proxyBeanMethods = false)
    static class WriteProbeConfiguration {

        @Bean
        WriteProbe writeProbe() {
            return new WriteProbe();
        }
    }

    @RestController
    @RequestMapping(ApiRoutes.BASE_PATH)
    static class WriteProbe {

        @PostMapping("/test/write-probe")
        @ApiEndpoint(access = Access.WRITE, tag = "Test", summary = "Answers the caller's account id to a write token")
        Map<String, Object> write(Caller caller) {
            return Envelope.ok("written", caller.accountId());
        }
    }
}
