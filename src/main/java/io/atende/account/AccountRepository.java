package io.atende.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import io.atende.platform.Page;
import io.atende.platform.PageRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.atende.platform.SqlTimes.instant;
import static io.atende.platform.SqlTimes.utc;

@Repository
class AccountRepository {

    private static final String ACCOUNT_COLUMNS = "id, name, time_zone, rate_limit_per_second, rate_limit_burst, accent_color, console_language, created_at, updated_at";
    private static final String TOKEN_COLUMNS = "account_id, id, name, scope, token_hint, allowed_ips, rate_limit_per_second, "
            + "rate_limit_burst, created_at, last_used_at, revoked_at, department_ids";

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the one-time first start; false when another start (on any node) already did. */
    boolean claimInstallation(Instant now) {
        // "Do nothing" rather than a caught duplicate key: on PostgreSQL a failed statement would
        // poison the surrounding transaction. A node that loses the race waits for the winner's commit.
        return jdbc.sql("insert into installation (id, bootstrapped_at) values (1, :now) on conflict do nothing")
                .param("now", utc(now)).update() == 1;
    }

    void insertAccount(AccountRow row) {
        jdbc.sql("""
                insert into account (id, name, time_zone, rate_limit_per_second, rate_limit_burst, created_at, updated_at)
                values (:id, :name, :zone, :perSecond, :burst, :created, :updated)""")
                .param("id", row.id()).param("name", row.name()).param("zone", row.timeZone())
                .param("perSecond", row.rateLimitPerSecond()).param("burst", row.rateLimitBurst())
                .param("created", utc(row.createdAt())).param("updated", utc(row.updatedAt()))
                .update();
    }

    void updateAccount(AccountRow row) {
        jdbc.sql("""
                update account set name = :name, time_zone = :zone, rate_limit_per_second = :perSecond,
                       rate_limit_burst = :burst, accent_color = :accent, console_language = :language,
                       updated_at = :updated where id = :id""")
                .param("id", row.id()).param("name", row.name()).param("zone", row.timeZone())
                .param("perSecond", row.rateLimitPerSecond()).param("burst", row.rateLimitBurst())
                .param("accent", row.accentColor()).param("language", row.consoleLanguage())
                .param("updated", utc(row.updatedAt()))
                .update();
    }

    Optional<Boolean> mailForApiChanges(String id) {
        return jdbc.sql("select mail_for_api_changes from account where id = :id").param("id", id).query(Boolean.class).optional();
    }

    boolean setMailForApiChanges(String id, boolean enabled, Instant now) {
        return jdbc.sql("update account set mail_for_api_changes = :enabled, updated_at = :now where id = :id")
                .param("id", id).param("enabled", enabled).param("now", utc(now)).update() == 1;
    }

    /** Holds the account's row lock until the transaction ends, so that rules over its tokens are checked one at a time. */
    void lockAccount(String id) {
        jdbc.sql("select id from account where id = :id for update").param("id", id).query(String.class).optional();
    }

    Optional<AccountRow> findAccount(String id) {
        return jdbc.sql("select " + ACCOUNT_COLUMNS + " from account where id = :id")
                .param("id", id).query(AccountRepository::mapAccount).optional();
    }

    Page<AccountRow> listAccounts(PageRequest page) {
        long total = jdbc.sql("select count(*) from account").query(Long.class).single();
        var items = jdbc.sql("select " + ACCOUNT_COLUMNS + " from account order by created_at, id limit :limit offset :offset")
                .param("limit", page.size()).param("offset", page.offset())
                .query(AccountRepository::mapAccount).list();
        return new Page<>(items, total, page);
    }

    void insertToken(TokenRow row, String tokenHash) {
        jdbc.sql("""
                insert into api_token (account_id, id, name, scope, token_hash, token_hint, allowed_ips,
                                       rate_limit_per_second, rate_limit_burst, created_at, department_ids)
                values (:account, :id, :name, :scope, :hash, :hint, :ips, :perSecond, :burst, :created, :departments)""")
                .param("account", row.accountId()).param("id", row.id()).param("name", row.name())
                .param("scope", row.scope().name()).param("hash", tokenHash).param("hint", row.hint())
                .param("ips", row.allowedIps()).param("perSecond", row.rateLimitPerSecond())
                .param("burst", row.rateLimitBurst()).param("created", utc(row.createdAt()))
                .param("departments", row.departmentIds())
                .update();
    }

    Optional<TokenRow> findActiveTokenByHash(String tokenHash) {
        return jdbc.sql("select " + TOKEN_COLUMNS + " from api_token where token_hash = :hash and revoked_at is null")
                .param("hash", tokenHash).query(AccountRepository::mapToken).optional();
    }

    Optional<TokenRow> findToken(String accountId, String tokenId) {
        return jdbc.sql("select " + TOKEN_COLUMNS + " from api_token where account_id = :account and id = :id")
                .param("account", accountId).param("id", tokenId).query(AccountRepository::mapToken).optional();
    }

    java.util.List<TokenRow> allTokens(String accountId) {
        return jdbc.sql("select " + TOKEN_COLUMNS + " from api_token where account_id = :account order by created_at, id")
                .param("account", accountId).query(AccountRepository::mapToken).list();
    }

    Page<TokenRow> listTokens(String accountId, PageRequest page) {
        long total = jdbc.sql("select count(*) from api_token where account_id = :account")
                .param("account", accountId).query(Long.class).single();
        var items = jdbc.sql("select " + TOKEN_COLUMNS + " from api_token where account_id = :account "
                        + "order by created_at, id limit :limit offset :offset")
                .param("account", accountId).param("limit", page.size()).param("offset", page.offset())
                .query(AccountRepository::mapToken).list();
        return new Page<>(items, total, page);
    }

    long countLiveTokens(String accountId, TokenScope scope) {
        return jdbc.sql("select count(*) from api_token where account_id = :account and scope = :scope and revoked_at is null")
                .param("account", accountId).param("scope", scope.name()).query(Long.class).single();
    }

    void revokeToken(String accountId, String tokenId, Instant now) {
        jdbc.sql("update api_token set revoked_at = :now where account_id = :account and id = :id and revoked_at is null")
                .param("now", utc(now)).param("account", accountId).param("id", tokenId).update();
    }

    void touchToken(String accountId, String tokenId, Instant now) {
        jdbc.sql("update api_token set last_used_at = :now where account_id = :account and id = :id")
                .param("now", utc(now)).param("account", accountId).param("id", tokenId).update();
    }

    private static AccountRow mapAccount(ResultSet rs, int rowNum) throws SQLException {
        return new AccountRow(rs.getString("id"), rs.getString("name"), rs.getString("time_zone"),
                (Integer) rs.getObject("rate_limit_per_second"), (Integer) rs.getObject("rate_limit_burst"),
                rs.getString("accent_color"), rs.getString("console_language"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static TokenRow mapToken(ResultSet rs, int rowNum) throws SQLException {
        return new TokenRow(rs.getString("account_id"), rs.getString("id"), rs.getString("name"),
                TokenScope.valueOf(rs.getString("scope")), rs.getString("token_hint"), rs.getString("allowed_ips"),
                (Integer) rs.getObject("rate_limit_per_second"), (Integer) rs.getObject("rate_limit_burst"),
                instant(rs, "created_at"), instant(rs, "last_used_at"), instant(rs, "revoked_at"), rs.getString("department_ids"));
    }
}
