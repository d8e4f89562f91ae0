package io.atende.operator;

import java.time.Instant;

import io.atende.platform.SecretBox;
import io.atende.platform.TwoFactorStore;

import static io.atende.platform.SqlTimes.utc;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Operators' TOTP secrets and recovery codes (kept as every two-factor store keeps them), and the account's requirement. */
@Repository
class TwoFactorRepository {

    private final JdbcClient jdbc;
    private final TwoFactorStore store;

    TwoFactorRepository(JdbcClient jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.store = new TwoFactorStore(jdbc, box, "operator_two_factor", "operator_recovery_code", "operator_id");
    }

    TwoFactorStore store() {
        return store;
    }

    boolean required(String accountId) {
        return jdbc.sql("select two_factor_required from operator_sign_in_policy where account_id = :account")
                .param("account", accountId).query(Boolean.class).optional().orElse(false);
    }

    void require(String accountId, boolean required, Instant now) {
        int updated = jdbc.sql("update operator_sign_in_policy set two_factor_required = :required, changed_at = :now where account_id = :account")
                .param("account", accountId).param("required", required).param("now", utc(now)).update();
        if (updated == 0) {
            jdbc.sql("insert into operator_sign_in_policy (account_id, two_factor_required, changed_at) values (:account, :required, :now)")
                    .param("account", accountId).param("required", required).param("now", utc(now)).update();
        }
    }
}
