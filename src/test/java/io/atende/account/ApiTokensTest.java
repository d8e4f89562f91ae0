package io.atende.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.platform.PageRequest;
import io.atende.platform.RateLimit;
import io.atende.platform.RuleViolationException;
import io.atende.support.ApiTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issuing, recognizing and revoking API tokens, against the real database. */
@ApiTest
class ApiTokensTest {

    @Autowired
    AccountManagement accounts;

    @Autowired
    JdbcClient jdbc;

    String accountId;

    @BeforeEach
    void newAccount() {
        accountId = accounts.createAccount("Tokens " + System.nanoTime(), "America/Sao_Paulo").account().id();
    }

    @Test
    void secretsCarryAtLeast32RandomBytes() {
        var first = accounts.issueToken(accountId, new IssueToken("a", TokenScope.READ, List.of(), null)).secret();
        var second = accounts.issueToken(accountId, new IssueToken("b", TokenScope.READ, List.of(), null)).secret();

        assertThat(first).matches("atd_[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(first.substring("atd_".length()))).hasSize(32);
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void storesOnlyAHashOfTheSecret() {
        var issued = accounts.issueToken(accountId, new IssueToken("stored", TokenScope.WRITE, List.of("10.0.0.0/8"), null));
        String secret = issued.secret();

        List<Map<String, Object>> rows = jdbc.sql("select * from api_token where account_id = :account")
                .param("account", accountId).query().listOfRows();

        assertThat(rows).hasSize(2);
        for (var row : rows) {
            row.values().forEach(value -> assertThat(String.valueOf(value)).doesNotContain(secret)
                    .doesNotContain(secret.substring("atd_".length())));
        }
        var stored = rows.stream().filter(row -> issued.token().id().equals(row.get("id"))).findFirst().orElseThrow();
        assertThat(stored.get("token_hash")).isEqualTo(sha256Hex(secret));
        assertThat((String) stored.get("token_hint")).hasSizeLessThanOrEqualTo(8).satisfies(hint -> assertThat(secret).startsWith(hint));
    }

    @Test
    void recognizesALiveTokenWithItsAccountScopeAndAllowList() {
        var issued = accounts.issueToken(accountId, new IssueToken("caller", TokenScope.WRITE, List.of("127.0.0.1", "::1/128"), null));

        var caller = accounts.authenticate(issued.secret()).orElseThrow();

        assertThat(caller.accountId()).isEqualTo(accountId);
        assertThat(caller.tokenId()).isEqualTo(issued.token().id());
        assertThat(caller.scope()).isEqualTo(TokenScope.WRITE);
        assertThat(caller.allowedIps()).containsExactly("127.0.0.1", "::1/128");
        assertThat(accounts.authenticate(issued.secret() + "x")).isEmpty();
        assertThat(accounts.authenticate("")).isEmpty();
        assertThat(accounts.authenticate(null)).isEmpty();
    }

    @Test
    void aRevokedTokenIsNoLongerRecognizedAndCannotBeRevokedTwice() {
        var issued = accounts.issueToken(accountId, new IssueToken("revoked", TokenScope.ADMIN, List.of(), null));

        var revoked = accounts.revokeToken(accountId, issued.token().id());

        assertThat(revoked.revoked()).isTrue();
        assertThat(accounts.authenticate(issued.secret())).isEmpty();
        assertThatThrownBy(() -> accounts.revokeToken(accountId, issued.token().id())).isInstanceOf(RuleViolationException.class);
    }

    @Test
    void aTokenRecognizedMomentsAgoIsRefusedAtOnceAfterItsRevocationOnThisNode() {
        var issued = accounts.issueToken(accountId, new IssueToken("cached", TokenScope.READ, List.of(), null));
        assertThat(accounts.authenticate(issued.secret())).isPresent();

        accounts.revokeToken(accountId, issued.token().id());

        assertThat(accounts.authenticate(issued.secret())).isEmpty();
    }

    @Test
    void aCallerRecognizedMomentsAgoSeesItsAccountsNewTimeZoneAndLimitAtOnce() {
        var issued = accounts.issueToken(accountId, new IssueToken("cached", TokenScope.READ, List.of(), null));
        assertThat(accounts.authenticate(issued.secret()).orElseThrow().timeZone().getId()).isEqualTo("America/Sao_Paulo");

        accounts.update(accountId, new UpdateAccount(null, "Europe/Lisbon", new RateLimit(7, 9)));

        var caller = accounts.authenticate(issued.secret()).orElseThrow();
        assertThat(caller.timeZone().getId()).isEqualTo("Europe/Lisbon");
        assertThat(caller.rateLimit()).isEqualTo(new RateLimit(7, 9));
    }

    @Test
    void marksATokenAsUsedWithoutWritingOnEveryRequest() {
        var issued = accounts.issueToken(accountId, new IssueToken("used", TokenScope.READ, List.of(), null));
        jdbc.sql("update api_token set last_used_at = null where id = :id").param("id", issued.token().id()).update();

        accounts.authenticate(issued.secret());
        var firstUse = lastUsedAt(issued.token().id());
        // Were the second recognition to write, a value set meanwhile would be overwritten.
        jdbc.sql("update api_token set last_used_at = :marker where id = :id")
                .param("marker", java.time.OffsetDateTime.parse("2001-01-01T00:00:00Z")).param("id", issued.token().id()).update();
        accounts.authenticate(issued.secret());

        assertThat(firstUse).isNotNull();
        assertThat(lastUsedAt(issued.token().id())).isEqualTo(java.time.OffsetDateTime.parse("2001-01-01T00:00:00Z").toInstant());
    }

    private java.time.Instant lastUsedAt(String tokenId) {
        return jdbc.sql("select last_used_at from api_token where id = :id").param("id", tokenId)
                .query((rs, row) -> rs.getObject(1, java.time.OffsetDateTime.class)).list().stream().findFirst()
                .map(java.time.OffsetDateTime::toInstant).orElse(null);
    }

    @Test
    void anotherAccountCannotRevokeOrSeeTheToken() {
        var issued = accounts.issueToken(accountId, new IssueToken("mine", TokenScope.ADMIN, List.of(), null));
        String otherAccount = accounts.createAccount("Other " + System.nanoTime(), null).account().id();

        assertThatThrownBy(() -> accounts.revokeToken(otherAccount, issued.token().id())).isInstanceOf(NotFoundException.class);
        assertThat(accounts.listTokens(otherAccount, PageRequest.of(1)).items())
                .noneMatch(token -> token.id().equals(issued.token().id()));
        assertThat(accounts.authenticate(issued.secret())).isPresent();
    }

    @Test
    void acceptsAddressesAndCidrRangesOfBothFamilies() {
        var ranges = List.of("127.0.0.1", "10.0.0.0/8", "192.168.1.0/24", "0.0.0.0/0", "::1", "::1/128", "2001:db8::/32", "fe80::1");

        var issued = accounts.issueToken(accountId, new IssueToken("ranges", TokenScope.READ, ranges, null));

        assertThat(issued.token().allowedIps()).containsExactlyElementsOf(ranges);
    }

    @Test
    void cleansTheAllowListOfSurroundingSpacesBlanksAndRepeats() {
        var issued = accounts.issueToken(accountId, new IssueToken("spaces", TokenScope.READ,
                List.of(" 10.0.0.1 ", "", "  ", "10.0.0.1", "::1"), null));

        assertThat(issued.token().allowedIps()).containsExactly("10.0.0.1", "::1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "10.0.0.0/33", "::1/129", "10.0.0", "10.0.0.0/8/8",
            "999.1.1.1", "256.0.0.1", "10.0.0.1,10.0.0.2", "1.2.3.4/x", "gg::1", "*"})
    void refusesAnAllowListEntryThatIsNotAnAddressOrRange(String entry) {
        int before = tokenCount();

        assertThatThrownBy(() -> accounts.issueToken(accountId, new IssueToken("bad", TokenScope.READ, List.of("127.0.0.1", entry), null)))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(failure -> assertThat(((InvalidInputException) failure).parameter()).isEqualTo("allowed_ips"));
        assertThat(tokenCount()).isEqualTo(before);
    }

    @Test
    void refusesATokenWithoutNameOrScope() {
        assertThatThrownBy(() -> accounts.issueToken(accountId, new IssueToken(" ", TokenScope.READ, List.of(), null)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> accounts.issueToken(accountId, new IssueToken("x".repeat(251), TokenScope.READ, List.of(), null)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> accounts.issueToken(accountId, new IssueToken("no scope", null, List.of(), null)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> accounts.issueToken("0".repeat(32), new IssueToken("no account", TokenScope.READ, List.of(), null)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void theTokensOwnLimitBeatsTheAccountsWhichBeatsTheDefault() {
        var plain = accounts.issueToken(accountId, new IssueToken("plain", TokenScope.READ, List.of(), null)).secret();
        var own = accounts.issueToken(accountId, new IssueToken("own", TokenScope.READ, List.of(), new RateLimit(5, 7))).secret();

        assertThat(accounts.authenticate(plain).orElseThrow().rateLimit()).isEqualTo(new RateLimit(30, 60));
        assertThat(accounts.authenticate(own).orElseThrow().rateLimit()).isEqualTo(new RateLimit(5, 7));

        accounts.update(accountId, new UpdateAccount(null, null, new RateLimit(2, 3)));

        assertThat(accounts.authenticate(plain).orElseThrow().rateLimit()).isEqualTo(new RateLimit(2, 3));
        assertThat(accounts.authenticate(own).orElseThrow().rateLimit()).isEqualTo(new RateLimit(5, 7));
    }

    private int tokenCount() {
        return jdbc.sql("select count(*) from api_token where account_id = :account").param("account", accountId)
                .query(Integer.class).single();
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
