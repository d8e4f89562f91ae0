package io.atende.customeraccess;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static io.atende.platform.SqlTimes.instant;
import static io.atende.platform.SqlTimes.utc;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PortalRepository {

    private final JdbcClient jdbc;

    PortalRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param credentialsVersion how many times the password has been set */
    record Credentials(String customerId, String passwordHash, boolean organizationManager, int credentialsVersion) {
    }

    record StoredToken(String customerId, String purpose, Instant expiresAt, Instant usedAt) {
    }

    Optional<PortalAccountRecord> findRecord(String accountId, String customerId) {
        var links = jdbc.sql("""
                select purpose, created_at, expires_at, used_at from portal_token
                 where account_id = :account and customer_id = :customer order by created_at desc""")
                .param("account", accountId).param("customer", customerId)
                .query((rs, n) -> new PortalAccountRecord.Link(rs.getString("purpose"), instant(rs, "created_at"), instant(rs, "expires_at"),
                        instant(rs, "used_at")))
                .list();
        return jdbc.sql("""
                select password_hash, organization_manager, created_at, updated_at from portal_customer
                 where account_id = :account and customer_id = :customer""")
                .param("account", accountId).param("customer", customerId)
                .query((rs, n) -> new PortalAccountRecord(rs.getString("password_hash") != null, rs.getBoolean("organization_manager"),
                        instant(rs, "created_at"), instant(rs, "updated_at"), links))
                .optional();
    }

    Optional<Credentials> findCredentials(String accountId, String customerId) {
        return jdbc.sql("""
                select customer_id, password_hash, organization_manager, credentials_version
                  from portal_customer where account_id = :account and customer_id = :customer""")
                .param("account", accountId).param("customer", customerId)
                .query((rs, n) -> new Credentials(rs.getString("customer_id"), rs.getString("password_hash"),
                        rs.getBoolean("organization_manager"), rs.getInt("credentials_version")))
                .optional();
    }

    /** Creates the customer's portal row unless it exists. */
    void ensureCustomer(String accountId, String customerId, Instant now) {
        if (findCredentials(accountId, customerId).isEmpty()) {
            jdbc.sql("""
                    insert into portal_customer (account_id, customer_id, organization_manager, created_at, updated_at)
                    values (:account, :customer, false, :now, :now)""")
                    .param("account", accountId).param("customer", customerId).param("now", utc(now)).update();
        }
    }

    void setPassword(String accountId, String customerId, String hash, Instant now) {
        jdbc.sql("""
                update portal_customer set password_hash = :hash, credentials_version = credentials_version + 1, updated_at = :now
                 where account_id = :account and customer_id = :customer""")
                .param("account", accountId).param("customer", customerId).param("hash", hash).param("now", utc(now)).update();
    }

    void setOrganizationManager(String accountId, String customerId, boolean manager, Instant now) {
        jdbc.sql("""
                update portal_customer set organization_manager = :manager, updated_at = :now
                 where account_id = :account and customer_id = :customer""")
                .param("account", accountId).param("customer", customerId).param("manager", manager).param("now", utc(now)).update();
    }

    void insertToken(String accountId, String hash, String customerId, String purpose, Instant expiresAt, Instant now) {
        jdbc.sql("""
                insert into portal_token (account_id, token_hash, customer_id, purpose, expires_at, created_at)
                values (:account, :hash, :customer, :purpose, :expires, :now)""")
                .param("account", accountId).param("hash", hash).param("customer", customerId).param("purpose", purpose)
                .param("expires", utc(expiresAt)).param("now", utc(now)).update();
    }

    /** The token, locked so that two uses of one link cannot both succeed. */
    Optional<StoredToken> lockToken(String accountId, String hash) {
        return jdbc.sql("""
                select customer_id, purpose, expires_at, used_at from portal_token
                 where account_id = :account and token_hash = :hash for update""")
                .param("account", accountId).param("hash", hash)
                .query((rs, n) -> new StoredToken(rs.getString("customer_id"), rs.getString("purpose"), instant(rs, "expires_at"),
                        instant(rs, "used_at")))
                .optional();
    }

    Optional<StoredToken> findToken(String accountId, String hash) {
        return jdbc.sql("select customer_id, purpose, expires_at, used_at from portal_token where account_id = :account and token_hash = :hash")
                .param("account", accountId).param("hash", hash)
                .query((rs, n) -> new StoredToken(rs.getString("customer_id"), rs.getString("purpose"), instant(rs, "expires_at"),
                        instant(rs, "used_at")))
                .optional();
    }

    /** Uses up every link of the customer that is still open: setting a password ends them all. */
    void useAllTokens(String accountId, String customerId, Instant now) {
        jdbc.sql("update portal_token set used_at = :now where account_id = :account and customer_id = :customer and used_at is null")
                .param("account", accountId).param("customer", customerId).param("now", utc(now)).update();
    }

    Optional<PortalSettings> findSettings(String accountId) {
        return jdbc.sql("select self_registration, allowed_sites, logo_url from portal_settings where account_id = :account")
                .param("account", accountId)
                .query((rs, n) -> new PortalSettings(rs.getBoolean("self_registration"), sites(rs.getString("allowed_sites")),
                        rs.getString("logo_url")))
                .optional();
    }

    void saveSettings(String accountId, PortalSettings settings, Instant now) {
        int updated = jdbc.sql("""
                update portal_settings set self_registration = :registration, allowed_sites = :sites, logo_url = :logo, updated_at = :now
                 where account_id = :account""")
                .param("account", accountId).param("registration", settings.selfRegistration())
                .param("sites", String.join(" ", settings.allowedSites())).param("logo", settings.logoUrl()).param("now", utc(now))
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into portal_settings (account_id, self_registration, allowed_sites, logo_url, updated_at)
                    values (:account, :registration, :sites, :logo, :now)""")
                    .param("account", accountId).param("registration", settings.selfRegistration())
                    .param("sites", String.join(" ", settings.allowedSites())).param("logo", settings.logoUrl()).param("now", utc(now))
                    .update();
        }
    }

    void insertWidgetChat(String accountId, String chatId, String hash, Instant expiresAt, Instant now) {
        jdbc.sql("""
                insert into portal_widget_chat (account_id, chat_id, token_hash, expires_at, created_at)
                values (:account, :chat, :hash, :expires, :now)""")
                .param("account", accountId).param("chat", chatId).param("hash", hash).param("expires", utc(expiresAt))
                .param("now", utc(now)).update();
    }

    /** The hash of the chat's widget secret and until when it works. */
    Optional<Object[]> findWidgetChat(String accountId, String chatId) {
        return jdbc.sql("select token_hash, expires_at from portal_widget_chat where account_id = :account and chat_id = :chat")
                .param("account", accountId).param("chat", chatId)
                .query((rs, n) -> new Object[] {rs.getString("token_hash"), instant(rs, "expires_at")})
                .optional();
    }

    private static List<String> sites(String stored) {
        return stored == null || stored.isBlank() ? List.of() : Arrays.stream(stored.split(" ")).filter(s -> !s.isBlank()).toList();
    }
}
