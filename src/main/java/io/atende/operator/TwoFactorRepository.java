package io.atende.operator;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

import io.atende.platform.SecretBox;

import static io.atende.platform.SqlTimes.instant;
import static io.atende.platform.SqlTimes.utc;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Operators' TOTP secrets, their recovery codes and the account's requirement. */
@Repository
class TwoFactorRepository {

    private final JdbcClient jdbc;
    /** Keys are sealed with the installation's key: a copy of the database alone computes no codes. */
    private final SecretBox box;

    TwoFactorRepository(JdbcClient jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.box = box;
    }

    record Secret(String secret, Instant confirmedAt, Long lastUsedStep) {

        boolean confirmed() {
            return confirmedAt != null;
        }
    }

    Optional<Secret> find(String accountId, String operatorId) {
        return jdbc.sql("select secret, confirmed_at, last_used_step from operator_two_factor where account_id = :account and operator_id = :operator")
                .param("account", accountId).param("operator", operatorId)
                .query((rs, n) -> new Secret(box.open(rs.getString("secret")), instant(rs, "confirmed_at"),
                        rs.getObject("last_used_step") == null ? null : rs.getLong("last_used_step")))
                .optional();
    }

    /** Starts an enrolment with a new secret, replacing an unconfirmed one (never a confirmed one: disable first). */
    void startEnrolment(String accountId, String operatorId, String secret, Instant now) {
        jdbc.sql("delete from operator_two_factor where account_id = :account and operator_id = :operator and confirmed_at is null")
                .param("account", accountId).param("operator", operatorId).update();
        jdbc.sql("""
                insert into operator_two_factor (account_id, operator_id, secret, started_at) values (:account, :operator, :secret, :now)""")
                .param("account", accountId).param("operator", operatorId).param("secret", box.seal(secret)).param("now", utc(now)).update();
    }

    void confirm(String accountId, String operatorId, long step, Instant now) {
        jdbc.sql("""
                update operator_two_factor set confirmed_at = :now, last_used_step = :step
                 where account_id = :account and operator_id = :operator and confirmed_at is null""")
                .param("account", accountId).param("operator", operatorId).param("step", step).param("now", utc(now)).update();
    }

    /** Marks the step's code used; false when it, or a later one, already was (two requests racing with one code). */
    boolean useStep(String accountId, String operatorId, long step) {
        return jdbc.sql("""
                update operator_two_factor set last_used_step = :step
                 where account_id = :account and operator_id = :operator and confirmed_at is not null
                   and (last_used_step is null or last_used_step < :step)""")
                .param("account", accountId).param("operator", operatorId).param("step", step).update() == 1;
    }

    /** Forgets the operator's secret and recovery codes. */
    boolean delete(String accountId, String operatorId) {
        jdbc.sql("delete from operator_recovery_code where account_id = :account and operator_id = :operator")
                .param("account", accountId).param("operator", operatorId).update();
        return jdbc.sql("delete from operator_two_factor where account_id = :account and operator_id = :operator")
                .param("account", accountId).param("operator", operatorId).update() > 0;
    }

    void replaceRecoveryCodes(String accountId, String operatorId, Collection<String> hashes) {
        jdbc.sql("delete from operator_recovery_code where account_id = :account and operator_id = :operator")
                .param("account", accountId).param("operator", operatorId).update();
        for (String hash : hashes) {
            jdbc.sql("insert into operator_recovery_code (account_id, operator_id, code_hash) values (:account, :operator, :hash)")
                    .param("account", accountId).param("operator", operatorId).param("hash", hash).update();
        }
    }

    /** Uses the recovery code with this hash; false when it is not the operator's or was used already. */
    boolean useRecoveryCode(String accountId, String operatorId, String hash, Instant now) {
        return jdbc.sql("""
                update operator_recovery_code set used_at = :now
                 where account_id = :account and operator_id = :operator and code_hash = :hash and used_at is null""")
                .param("account", accountId).param("operator", operatorId).param("hash", hash).param("now", utc(now)).update() == 1;
    }

    int unusedRecoveryCodes(String accountId, String operatorId) {
        return jdbc.sql("select count(*) from operator_recovery_code where account_id = :account and operator_id = :operator and used_at is null")
                .param("account", accountId).param("operator", operatorId).query(Integer.class).single();
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
