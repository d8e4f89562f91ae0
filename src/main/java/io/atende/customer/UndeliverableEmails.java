package io.atende.customer;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.atende.platform.Keys;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static io.atende.platform.SqlTimes.instant;
import static io.atende.platform.SqlTimes.utc;

/**
 * Customers' e-mail addresses that bounced for good. A mark names the address that bounced and holds only while it is
 * still the customer's address: changing the address drops it, and so does erasing the customer.
 */
@Service
public class UndeliverableEmails {

    static final int MAX_REASON = 500;

    private static final String SELECT = """
            select u.customer_id, c.email, u.reason, u.marked_at
              from customer_undeliverable_email u
              join customer c on c.account_id = u.account_id and c.id = u.customer_id and c.email_key = u.email_key
            """;

    private final JdbcClient jdbc;

    UndeliverableEmails(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Marks the customer of the account whose address this is (if any) as undeliverable with the reason; a later
     * bounce replaces the reason and time. Answers the customer marked.
     */
    @Transactional
    public Optional<UndeliverableEmail> mark(String accountId, String email, String reason, Instant at) {
        String key = Keys.of(email);
        if (key == null || key.isEmpty()) {
            return Optional.empty();
        }
        var customerId = jdbc.sql("select id from customer where account_id = :account and email_key = :key")
                .param("account", accountId).param("key", key).query(String.class).optional();
        if (customerId.isEmpty()) {
            return Optional.empty();
        }
        String text = reason == null || reason.isBlank() ? "-" : reason.strip();
        text = text.length() > MAX_REASON ? text.substring(0, MAX_REASON) : text;
        jdbc.sql("delete from customer_undeliverable_email where account_id = :account and customer_id = :customer")
                .param("account", accountId).param("customer", customerId.get()).update();
        jdbc.sql("""
                insert into customer_undeliverable_email (account_id, customer_id, email_key, reason, marked_at)
                values (:account, :customer, :key, :reason, :at)""")
                .param("account", accountId).param("customer", customerId.get()).param("key", key).param("reason", text)
                .param("at", utc(at)).update();
        return of(accountId, customerId.get());
    }

    /** The mark on the customer's current address, if there is one. */
    public Optional<UndeliverableEmail> of(String accountId, String customerId) {
        return jdbc.sql(SELECT + " where u.account_id = :account and u.customer_id = :customer")
                .param("account", accountId).param("customer", customerId).query(UndeliverableEmails::row).optional();
    }

    /** The marks of those customers, by customer id (one query for a page of customers). */
    public Map<String, UndeliverableEmail> of(String accountId, Collection<String> customerIds) {
        if (customerIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql(SELECT + " where u.account_id = :account and u.customer_id in (:customers)")
                .param("account", accountId).param("customers", List.copyOf(customerIds)).query(UndeliverableEmails::row).list()
                .stream().collect(Collectors.toMap(UndeliverableEmail::customerId, Function.identity()));
    }

    /** The mark on the customer whose current address this is, if there is one. */
    public Optional<UndeliverableEmail> ofAddress(String accountId, String email) {
        String key = Keys.of(email);
        if (key == null) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT + " where u.account_id = :account and u.email_key = :key")
                .param("account", accountId).param("key", key).query(UndeliverableEmails::row).list().stream().findFirst();
    }

    /** Clears the customer's mark (an operator knows the address works again); whether there was one. */
    @Transactional
    public boolean clear(String accountId, String customerId) {
        return jdbc.sql("delete from customer_undeliverable_email where account_id = :account and customer_id = :customer")
                .param("account", accountId).param("customer", customerId).update() > 0;
    }

    private static UndeliverableEmail row(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new UndeliverableEmail(rs.getString("customer_id"), rs.getString("email"), rs.getString("reason"), instant(rs, "marked_at"));
    }
}
