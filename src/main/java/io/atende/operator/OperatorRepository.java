package io.atende.operator;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.atende.platform.Keys;
import io.atende.platform.Page;
import io.atende.platform.PageRequest;

import static io.atende.platform.SqlTimes.instant;
import static io.atende.platform.SqlTimes.utc;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OperatorRepository {

    /** The operator's columns, with their custom role's name and permissions read along (two primary-key lookups). */
    private static final String COLUMNS = """
            id, name, email, password_hash, role, active, created_at, updated_at, language, custom_role_id,
            (select r.name from operator_custom_role r where r.account_id = operator.account_id and r.id = operator.custom_role_id) as custom_role_name,
            (select r.permissions from operator_custom_role r where r.account_id = operator.account_id and r.id = operator.custom_role_id) as custom_permissions
            """;

    private final JdbcClient jdbc;

    OperatorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String accountId, OperatorRow row) {
        jdbc.sql("""
                insert into operator (account_id, id, name, email, email_key, password_hash, role, active, created_at, updated_at, custom_role_id)
                values (:account, :id, :name, :email, :emailKey, :hash, :role, :active, :created, :updated, :customRole)""")
                .param("customRole", row.customRoleId())
                .param("account", accountId).param("id", row.id()).param("name", row.name())
                .param("email", row.email()).param("emailKey", Keys.of(row.email())).param("hash", row.passwordHash())
                .param("role", row.role().name()).param("active", row.active())
                .param("created", utc(row.createdAt())).param("updated", utc(row.updatedAt()))
                .update();
    }

    void update(String accountId, OperatorRow row) {
        jdbc.sql("""
                update operator set name = :name, email = :email, email_key = :emailKey, password_hash = :hash,
                       credentials_version = case when password_hash is distinct from :hash then credentials_version + 1
                                                  else credentials_version end,
                       role = :role, custom_role_id = :customRole, active = :active, updated_at = :updated
                 where account_id = :account and id = :id""")
                .param("customRole", row.customRoleId())
                .param("account", accountId).param("id", row.id()).param("name", row.name())
                .param("email", row.email()).param("emailKey", Keys.of(row.email())).param("hash", row.passwordHash())
                .param("role", row.role().name()).param("active", row.active()).param("updated", utc(row.updatedAt()))
                .update();
    }

    void delete(String accountId, String id) {
        jdbc.sql("delete from operator_availability where account_id = :account and operator_id = :id")
                .param("account", accountId).param("id", id).update();
        jdbc.sql("delete from operator where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).update();
    }

    Optional<OperatorRow> find(String accountId, String id) {
        return jdbc.sql("select " + COLUMNS + " from operator where account_id = :account and id = :id")
                .param("account", accountId).param("id", id)
                .query(OperatorRepository::map).optional();
    }

    Optional<String> idByEmail(String accountId, String emailKey) {
        return jdbc.sql("select id from operator where account_id = :account and email_key = :emailKey")
                .param("account", accountId).param("emailKey", emailKey)
                .query(String.class).optional();
    }

    boolean emailTaken(String accountId, String emailKey, String exceptId) {
        return jdbc.sql("select count(*) from operator where account_id = :account and email_key = :emailKey and id <> :except")
                .param("account", accountId).param("emailKey", emailKey).param("except", exceptId == null ? "" : exceptId)
                .query(Long.class).single() > 0;
    }

    Map<String, OperatorView> findAll(String accountId, Collection<String> ids) {
        Map<String, OperatorView> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.sql("select " + COLUMNS + " from operator where account_id = :account and id in (:ids)")
                .param("account", accountId).param("ids", ids)
                .query(OperatorRepository::map).list()
                .forEach(row -> found.put(row.id(), row.view()));
        return found;
    }

    Page<OperatorView> list(String accountId, PageRequest page) {
        long total = jdbc.sql("select count(*) from operator where account_id = :account")
                .param("account", accountId).query(Long.class).single();
        var items = jdbc.sql("select " + COLUMNS + " from operator where account_id = :account order by name, id limit :limit offset :offset")
                .param("account", accountId).param("limit", page.size()).param("offset", page.offset())
                .query(OperatorRepository::map).list().stream().map(OperatorRow::view).toList();
        return new Page<>(items, total, page);
    }

    /** Every operator with this e-mail address, in any account, oldest first. */
    java.util.List<SignInCandidate> findSignInCandidates(String emailKey) {
        return jdbc.sql("""
                select account_id, id, password_hash, active from operator
                 where email_key = :emailKey order by created_at, account_id""")
                .param("emailKey", emailKey)
                .query((rs, n) -> new SignInCandidate(rs.getString("account_id"), rs.getString("id"), rs.getString("password_hash"),
                        rs.getBoolean("active")))
                .list();
    }

    /**
     * The operator with how many times their password has been changed and what signing in needs beyond it, in one
     * read: every console request makes it, so the two-factor state rides along as two primary-key lookups inside the
     * same statement instead of a read (or a node's copy to keep in step) of its own.
     */
    java.util.Optional<WithCredentialsVersion> findWithCredentialsVersion(String accountId, String id) {
        return jdbc.sql("select " + COLUMNS + """
                , credentials_version,
                  exists (select 1 from operator_two_factor t where t.account_id = operator.account_id and t.operator_id = operator.id
                                                                and t.confirmed_at is not null) as two_factor_enabled,
                  exists (select 1 from operator_sign_in_policy p where p.account_id = operator.account_id
                                                                    and p.two_factor_required) as two_factor_required
                  from operator where account_id = :account and id = :id""")
                .param("account", accountId).param("id", id)
                .query((rs, n) -> new WithCredentialsVersion(map(rs, n), rs.getInt("credentials_version"),
                        rs.getBoolean("two_factor_enabled") ? SecondFactor.CODE
                                : rs.getBoolean("two_factor_required") ? SecondFactor.ENROLMENT : SecondFactor.NONE))
                .optional();
    }

    record WithCredentialsVersion(OperatorRow row, int credentialsVersion, SecondFactor secondFactor) {
    }

    /** How many times the operator's password has been changed; empty for an unknown operator. */
    java.util.Optional<Integer> credentialsVersion(String accountId, String id) {
        return jdbc.sql("select credentials_version from operator where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).query(Integer.class).optional();
    }

    void updatePasswordHash(String accountId, String id, String hash, java.time.Instant updatedAt) {
        jdbc.sql("""
                update operator set password_hash = :hash, credentials_version = credentials_version + 1, updated_at = :updated
                 where account_id = :account and id = :id""")
                .param("account", accountId).param("id", id).param("hash", hash).param("updated", utc(updatedAt)).update();
        // A reset link asked for before the change must not undo it.
        jdbc.sql("delete from operator_password_reset where account_id = :account and operator_id = :id")
                .param("account", accountId).param("id", id).update();
    }

    /** Ends every session of the operator at its next request, as a password change does, without changing the password. */
    void endSessions(String accountId, String id, java.time.Instant updatedAt) {
        jdbc.sql("update operator set credentials_version = credentials_version + 1, updated_at = :updated where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).param("updated", utc(updatedAt)).update();
    }

    void updateLanguage(String accountId, String id, String language, java.time.Instant updatedAt) {
        jdbc.sql("update operator set language = :language, updated_at = :updated where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).param("language", language).param("updated", utc(updatedAt)).update();
    }

    record SignInCandidate(String accountId, String id, String passwordHash, boolean active) {
    }

    private static OperatorRow map(ResultSet rs, int rowNum) throws SQLException {
        return new OperatorRow(rs.getString("id"), rs.getString("name"), rs.getString("email"), rs.getString("password_hash"),
                OperatorRole.valueOf(rs.getString("role")), rs.getBoolean("active"),
                instant(rs, "created_at"), instant(rs, "updated_at"), rs.getString("language"), rs.getString("custom_role_id"),
                rs.getString("custom_role_name"), Permission.parse(rs.getString("custom_permissions")));
    }


    /** Writes the operator's availability; answers the one it replaces ({@code null} when none was declared). */
    String saveAvailability(String accountId, String operatorId, String availability, java.time.Instant now) {
        String previous = jdbc.sql("""
                select availability from operator_availability where account_id = :account and operator_id = :operator for update""")
                .param("account", accountId).param("operator", operatorId).query(String.class).optional().orElse(null);
        if (previous == null) {
            jdbc.sql("""
                    insert into operator_availability (account_id, operator_id, availability, changed_at)
                    values (:account, :operator, :availability, :now)""")
                    .param("account", accountId).param("operator", operatorId).param("availability", availability)
                    .param("now", utc(now)).update();
        } else {
            jdbc.sql("""
                    update operator_availability set availability = :availability, changed_at = :now
                     where account_id = :account and operator_id = :operator""")
                    .param("account", accountId).param("operator", operatorId).param("availability", availability)
                    .param("now", utc(now)).update();
        }
        return previous;
    }

    /** The declared availabilities of those of the operators that declared one, by operator id. */
    Map<String, String> availabilities(String accountId, Collection<String> operatorIds) {
        Map<String, String> byOperator = new LinkedHashMap<>();
        if (operatorIds.isEmpty()) {
            return byOperator;
        }
        jdbc.sql("select operator_id, availability from operator_availability where account_id = :account and operator_id in (:operators)")
                .param("account", accountId).param("operators", operatorIds)
                .query((rs, row) -> byOperator.put(rs.getString("operator_id"), rs.getString("availability"))).list();
        return byOperator;
    }
}
