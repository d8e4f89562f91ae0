package io.atende.sso;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.atende.operator.OperatorRole;
import io.atende.platform.SecretBox;
import io.atende.platform.SqlTimes;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code sso_settings} row of each account. The client secret is read and written only by
 * {@link #storeClientSecret} and {@link #clientSecret}, which keep it sealed with the installation's key.
 */
@Repository
class SsoRepository {

    private static final String COLUMNS = """
            enabled, provider_name, issuer, client_id, client_secret is not null as secret_set, allowed_domains,
            create_operators, new_operator_role, new_operator_departments, password_sign_in, trust_provider_second_factor, updated_at""";

    private final JdbcClient jdbc;
    private final SecretBox box;

    SsoRepository(JdbcClient jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.box = box;
    }

    Optional<SsoSettings> find(String accountId) {
        return jdbc.sql("select " + COLUMNS + " from sso_settings where account_id = :account")
                .param("account", accountId)
                .query(SsoRepository::map).optional();
    }

    /** Writes everything but the secret; a new row starts without one. */
    void save(String accountId, ConfigureSso settings, Instant now) {
        var statement = """
                update sso_settings set enabled = :enabled, provider_name = :provider, issuer = :issuer, client_id = :client,
                       allowed_domains = :domains, create_operators = :create, new_operator_role = :role,
                       new_operator_departments = :departments, password_sign_in = :password, trust_provider_second_factor = :trust,
                       updated_at = :now
                 where account_id = :account""";
        if (bind(jdbc.sql(statement), accountId, settings, now).update() == 0) {
            bind(jdbc.sql("""
                    insert into sso_settings (account_id, enabled, provider_name, issuer, client_id, allowed_domains, create_operators,
                           new_operator_role, new_operator_departments, password_sign_in, trust_provider_second_factor, updated_at)
                    values (:account, :enabled, :provider, :issuer, :client, :domains, :create, :role, :departments, :password, :trust, :now)
                    """), accountId, settings, now).update();
        }
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, String accountId, ConfigureSso settings, Instant now) {
        return spec.param("account", accountId)
                .param("enabled", settings.enabled())
                .param("provider", settings.providerName())
                .param("issuer", settings.issuer())
                .param("client", settings.clientId())
                .param("domains", String.join(",", settings.allowedDomains()))
                .param("create", settings.createOperators())
                .param("role", settings.newOperatorRole().name())
                .param("departments", String.join(",", settings.newOperatorDepartmentIds()))
                .param("password", settings.passwordSignIn())
                .param("trust", settings.trustProviderSecondFactor())
                .param("now", SqlTimes.utc(now));
    }

    /** Keeps the account's client secret; the row must exist. */
    void storeClientSecret(String accountId, String secret) {
        jdbc.sql("update sso_settings set client_secret = :secret where account_id = :account")
                .param("secret", box.seal(secret)).param("account", accountId).update();
    }

    /** The account's client secret as given, if one is kept. */
    Optional<String> clientSecret(String accountId) {
        return jdbc.sql("select client_secret from sso_settings where account_id = :account and client_secret is not null")
                .param("account", accountId).query(String.class).optional().map(box::open);
    }

    private static SsoSettings map(ResultSet rs, int row) throws SQLException {
        return new SsoSettings(rs.getBoolean("enabled"), rs.getString("provider_name"), rs.getString("issuer"), rs.getString("client_id"),
                rs.getBoolean("secret_set"), list(rs.getString("allowed_domains")), rs.getBoolean("create_operators"),
                OperatorRole.valueOf(rs.getString("new_operator_role")), list(rs.getString("new_operator_departments")),
                rs.getBoolean("password_sign_in"), rs.getBoolean("trust_provider_second_factor"), SqlTimes.instant(rs, "updated_at"));
    }

    private static List<String> list(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.stream(joined.split(",")).toList();
    }
}
