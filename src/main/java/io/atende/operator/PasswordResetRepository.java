package io.atende.operator;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.atende.platform.SqlTimes.instant;
import static io.atende.platform.SqlTimes.utc;

/** Operators' password-reset links, by the SHA-256 of their secrets. */
@Repository
class PasswordResetRepository {

    private final JdbcClient jdbc;

    PasswordResetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Link(String operatorId, Instant expiresAt) {

        boolean usable(Instant now) {
            return expiresAt.isAfter(now);
        }
    }

    /** Stores a new link, voiding the operator's earlier ones: only the latest e-mail works. A used link is deleted. */
    void replace(String accountId, String operatorId, String tokenHash, Instant now, Instant expiresAt) {
        forgetAll(accountId, operatorId);
        jdbc.sql("""
                insert into operator_password_reset (account_id, token_hash, operator_id, created_at, expires_at)
                values (:account, :hash, :operator, :now, :expires)""")
                .param("account", accountId).param("hash", tokenHash).param("operator", operatorId)
                .param("now", utc(now)).param("expires", utc(expiresAt)).update();
    }

    Optional<Link> find(String accountId, String tokenHash) {
        return select(accountId, tokenHash, "");
    }

    /** The link, locked until the transaction ends, so that two tabs cannot both use it. */
    Optional<Link> lock(String accountId, String tokenHash) {
        return select(accountId, tokenHash, " for update");
    }

    void forgetAll(String accountId, String operatorId) {
        jdbc.sql("delete from operator_password_reset where account_id = :account and operator_id = :operator")
                .param("account", accountId).param("operator", operatorId).update();
    }

    private Optional<Link> select(String accountId, String tokenHash, String lock) {
        return jdbc.sql("select operator_id, expires_at from operator_password_reset where account_id = :account and token_hash = :hash" + lock)
                .param("account", accountId).param("hash", tokenHash)
                .query((rs, n) -> new Link(rs.getString("operator_id"), instant(rs, "expires_at")))
                .optional();
    }
}
