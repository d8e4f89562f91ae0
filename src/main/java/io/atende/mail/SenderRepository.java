package io.atende.mail;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.atende.platform.SecretBox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.atende.platform.SqlTimes.instant;
import static io.atende.platform.SqlTimes.utc;

/** The senders, SMTP servers and DKIM keys of accounts; SMTP passwords and private keys are sealed here and opened on reading. */
@Repository
class SenderRepository {

    private final JdbcClient jdbc;
    private final SecretBox box;

    SenderRepository(JdbcClient jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.box = box;
    }

    /** An account's row, secrets opened; never rendered as is. */
    record AccountSender(String fromAddress, String fromName, String smtpHost, Integer smtpPort, SmtpSecurity smtpSecurity,
                         String smtpUsername, String smtpPassword) {

        static final AccountSender NONE = new AccountSender(null, null, null, null, null, null, null);

        @Override
        public String toString() {
            return "AccountSender[from=" + fromAddress + ", smtpHost=" + smtpHost + "]";
        }
    }

    /** A DKIM key, its private half opened (PEM); never rendered as is. */
    record DkimKey(String domain, String selector, String privateKeyPem, String publicKey, Instant createdAt) {

        @Override
        public String toString() {
            return "DkimKey[domain=" + domain + ", selector=" + selector + "]";
        }
    }

    AccountSender accountSender(String accountId) {
        return jdbc.sql("select * from mail_account_sender where account_id = :account").param("account", accountId)
                .query((rs, row) -> new AccountSender(rs.getString("from_address"), rs.getString("from_name"), rs.getString("smtp_host"),
                        (Integer) rs.getObject("smtp_port"),
                        rs.getString("smtp_security") == null ? null : SmtpSecurity.fromWireName(rs.getString("smtp_security")).orElseThrow(),
                        rs.getString("smtp_username"), box.open(rs.getString("smtp_password"))))
                .optional().orElse(AccountSender.NONE);
    }

    void saveAccountSender(String accountId, AccountSender sender, Instant now) {
        jdbc.sql("delete from mail_account_sender where account_id = :account").param("account", accountId).update();
        jdbc.sql("""
                insert into mail_account_sender (account_id, from_address, from_name, smtp_host, smtp_port, smtp_security, smtp_username,
                                                 smtp_password, updated_at)
                values (:account, :address, :name, :host, :port, :security, :username, :password, :now)""")
                .param("account", accountId).param("address", sender.fromAddress()).param("name", sender.fromName())
                .param("host", sender.smtpHost()).param("port", sender.smtpPort())
                .param("security", sender.smtpSecurity() == null ? null : sender.smtpSecurity().wireName())
                .param("username", sender.smtpUsername()).param("password", box.seal(sender.smtpPassword())).param("now", utc(now))
                .update();
    }

    /** Whether the address is one the account's mail comes from (its own or a department's). */
    boolean isSenderAddress(String accountId, String address) {
        return jdbc.sql("""
                select count(*) from mail_account_sender where account_id = :account and from_address = :address""")
                .param("account", accountId).param("address", address.toLowerCase(java.util.Locale.ROOT)).query(Long.class).single() > 0
                || jdbc.sql("""
                select count(*) from mail_department_sender where account_id = :account and from_address = :address""")
                .param("account", accountId).param("address", address.toLowerCase(java.util.Locale.ROOT)).query(Long.class).single() > 0;
    }

    List<DepartmentSenderView> departmentSenders(String accountId) {
        return jdbc.sql("select * from mail_department_sender where account_id = :account order by from_address, department_id")
                .param("account", accountId)
                .query((rs, row) -> new DepartmentSenderView(rs.getString("department_id"), rs.getString("from_address"), rs.getString("from_name")))
                .list();
    }

    Optional<DepartmentSenderView> departmentSender(String accountId, String departmentId) {
        return jdbc.sql("select * from mail_department_sender where account_id = :account and department_id = :department")
                .param("account", accountId).param("department", departmentId)
                .query((rs, row) -> new DepartmentSenderView(rs.getString("department_id"), rs.getString("from_address"), rs.getString("from_name")))
                .optional();
    }

    void saveDepartmentSender(String accountId, DepartmentSenderView sender, Instant now) {
        deleteDepartmentSender(accountId, sender.departmentId());
        jdbc.sql("""
                insert into mail_department_sender (account_id, department_id, from_address, from_name, updated_at)
                values (:account, :department, :address, :name, :now)""")
                .param("account", accountId).param("department", sender.departmentId()).param("address", sender.fromAddress())
                .param("name", sender.fromName()).param("now", utc(now))
                .update();
    }

    boolean deleteDepartmentSender(String accountId, String departmentId) {
        return jdbc.sql("delete from mail_department_sender where account_id = :account and department_id = :department")
                .param("account", accountId).param("department", departmentId).update() > 0;
    }

    List<DkimKey> dkimKeys(String accountId) {
        return jdbc.sql("select * from mail_dkim_key where account_id = :account order by domain").param("account", accountId)
                .query((rs, row) -> dkimKey(rs)).list();
    }

    Optional<DkimKey> dkimKey(String accountId, String domain) {
        return jdbc.sql("select * from mail_dkim_key where account_id = :account and domain = :domain")
                .param("account", accountId).param("domain", domain).query((rs, row) -> dkimKey(rs)).optional();
    }

    void saveDkimKey(String accountId, DkimKey key) {
        deleteDkimKey(accountId, key.domain());
        jdbc.sql("""
                insert into mail_dkim_key (account_id, domain, selector, private_key, public_key, created_at)
                values (:account, :domain, :selector, :privateKey, :publicKey, :now)""")
                .param("account", accountId).param("domain", key.domain()).param("selector", key.selector())
                .param("privateKey", box.seal(key.privateKeyPem())).param("publicKey", key.publicKey()).param("now", utc(key.createdAt()))
                .update();
    }

    boolean deleteDkimKey(String accountId, String domain) {
        return jdbc.sql("delete from mail_dkim_key where account_id = :account and domain = :domain")
                .param("account", accountId).param("domain", domain).update() > 0;
    }

    private DkimKey dkimKey(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new DkimKey(rs.getString("domain"), rs.getString("selector"), box.open(rs.getString("private_key")), rs.getString("public_key"),
                instant(rs, "created_at"));
    }
}
