package io.atende.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.atende.platform.Keys;
import io.atende.platform.Page;
import io.atende.platform.PageRequest;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.atende.platform.SqlTimes.instant;
import static io.atende.platform.SqlTimes.utc;

@Repository
class CustomerRepository {

    private static final String SELECT = """
            select c.id, c.internal_id, c.name, c.email, c.phone, c.organization_id, o.name as organization_name,
                   c.portfolio_id, c.monthly_ticket_quota, c.allow_create_tickets, c.email_validated, c.active,
                   c.account_approved, c.language, c.created_at, c.updated_at
              from customer c
              left join organization o on o.account_id = c.account_id and o.id = c.organization_id
            """;

    private final JdbcClient jdbc;

    CustomerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String accountId, CustomerView customer) {
        jdbc.sql("""
                insert into customer (account_id, id, internal_id, name, email, email_key, phone, organization_id,
                                      portfolio_id, monthly_ticket_quota, allow_create_tickets, email_validated, active,
                                      account_approved, language, created_at, updated_at)
                values (:account, :id, :internalId, :name, :email, :emailKey, :phone, :organization, :portfolio, :quota,
                        :allowTickets, :emailValidated, :active, :approved, :language, :created, :updated)""")
                .paramSource(parameters(accountId, customer))
                .update();
    }

    void update(String accountId, CustomerView customer) {
        jdbc.sql("""
                update customer set internal_id = :internalId, name = :name, email = :email, email_key = :emailKey,
                       phone = :phone, organization_id = :organization, portfolio_id = :portfolio,
                       monthly_ticket_quota = :quota, allow_create_tickets = :allowTickets,
                       email_validated = :emailValidated, active = :active, account_approved = :approved,
                       language = :language, updated_at = :updated
                 where account_id = :account and id = :id""")
                .paramSource(parameters(accountId, customer))
                .update();
    }

    /** Deletes the customer with what only it owns; portal access rows go with it by their cascading keys. */
    void delete(String accountId, String customerId) {
        for (String table : List.of("customer_custom_field_value", "customer_search_term")) {
            jdbc.sql("delete from " + table + " where account_id = :account and customer_id = :customer")
                    .param("account", accountId).param("customer", customerId).update();
        }
        jdbc.sql("delete from customer where account_id = :account and id = :customer")
                .param("account", accountId).param("customer", customerId).update();
    }

    /** When the customer's personal data was erased, if it was. */
    Optional<Instant> anonymizedAt(String accountId, String customerId) {
        return jdbc.sql("select anonymized_at from customer where account_id = :account and id = :customer")
                .param("account", accountId).param("customer", customerId)
                .query((rs, row) -> Optional.ofNullable(instant(rs, "anonymized_at"))).optional().flatMap(found -> found);
    }

    /**
     * Replaces what names the customer with {@code name} and an internal id made of its own id, drops its e-mail
     * address, phone and portfolio id and its custom field values, and marks it anonymized.
     */
    void anonymize(String accountId, String customerId, String name, Instant now) {
        jdbc.sql("""
                update customer set internal_id = :internalId, name = :name, email = null, email_key = null, phone = null,
                       portfolio_id = null, email_validated = false, anonymized_at = :now, updated_at = :now
                 where account_id = :account and id = :customer""")
                .param("internalId", customerId).param("name", name).param("now", utc(now))
                .param("account", accountId).param("customer", customerId).update();
        jdbc.sql("delete from customer_custom_field_value where account_id = :account and customer_id = :customer")
                .param("account", accountId).param("customer", customerId).update();
        clearUndeliverable(accountId, customerId);
    }

    /** Drops the customer's undeliverable mark: it was about an address the customer no longer has. */
    void clearUndeliverable(String accountId, String customerId) {
        jdbc.sql("delete from customer_undeliverable_email where account_id = :account and customer_id = :customer")
                .param("account", accountId).param("customer", customerId).update();
    }

    /** Takes every customer of the organization out of it; the ids of those customers. */
    List<String> leaveOrganization(String accountId, String organizationId, Instant now) {
        var members = jdbc.sql("select id from customer where account_id = :account and organization_id = :organization order by id")
                .param("account", accountId).param("organization", organizationId).query(String.class).list();
        jdbc.sql("update customer set organization_id = null, updated_at = :now where account_id = :account and organization_id = :organization")
                .param("account", accountId).param("organization", organizationId).param("now", utc(now)).update();
        return members;
    }

    Set<String> idsInOrganizations(String accountId, Collection<String> organizationIds) {
        if (organizationIds.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("select id from customer where account_id = :account and organization_id in (:organizations)")
                .param("account", accountId).param("organizations", organizationIds).query(String.class).list());
    }

    Optional<CustomerView> findById(String accountId, String id) {
        return jdbc.sql(SELECT + " where c.account_id = :account and c.id = :id")
                .param("account", accountId).param("id", id).query(CustomerRepository::map).optional();
    }

    Optional<CustomerView> findByInternalId(String accountId, String internalId) {
        return jdbc.sql(SELECT + " where c.account_id = :account and c.internal_id = :internalId")
                .param("account", accountId).param("internalId", internalId).query(CustomerRepository::map).optional();
    }

    Optional<CustomerView> findByEmail(String accountId, String email) {
        return jdbc.sql(SELECT + " where c.account_id = :account and c.email_key = :emailKey")
                .param("account", accountId).param("emailKey", Keys.of(email)).query(CustomerRepository::map).optional();
    }

    Map<String, CustomerView> findAll(String accountId, Collection<String> ids) {
        Map<String, CustomerView> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.sql(SELECT + " where c.account_id = :account and c.id in (:ids)")
                .param("account", accountId).param("ids", ids)
                .query(CustomerRepository::map).list()
                .forEach(customer -> found.put(customer.id(), customer));
        return found;
    }

    boolean internalIdTaken(String accountId, String internalId, String exceptId) {
        return jdbc.sql("select count(*) from customer where account_id = :account and internal_id = :internalId and id <> :except")
                .param("account", accountId).param("internalId", internalId).param("except", exceptId == null ? "" : exceptId)
                .query(Long.class).single() > 0;
    }

    boolean emailTaken(String accountId, String email, String exceptId) {
        return jdbc.sql("select count(*) from customer where account_id = :account and email_key = :emailKey and id <> :except")
                .param("account", accountId).param("emailKey", Keys.of(email)).param("except", exceptId == null ? "" : exceptId)
                .query(Long.class).single() > 0;
    }

    /**
     * One page of customers, oldest first. {@code organizationIds} (when not {@code null}) keeps
     * customers of those organizations; {@code searchFrom}/{@code searchTo} (when not
     * {@code null}) keep customers having a search term in that byte range.
     */
    Page<CustomerView> list(String accountId, Collection<String> organizationIds, byte[] searchFrom, byte[] searchTo,
                            PageRequest page) {
        StringBuilder where = new StringBuilder(" where c.account_id = :account");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("account", accountId);
        if (organizationIds != null) {
            where.append(" and c.organization_id in (:organizations)");
            params.put("organizations", organizationIds);
        }
        if (searchFrom != null) {
            where.append(" and c.id in (select t.customer_id from customer_search_term t"
                    + " where t.account_id = :account and t.term >= :searchFrom and t.term < :searchTo)");
            params.put("searchFrom", searchFrom);
            params.put("searchTo", searchTo);
        }
        long total = jdbc.sql("select count(*) from customer c" + where).params(params).query(Long.class).single();
        if (total == 0) {
            return new Page<>(List.of(), 0, page);
        }
        var items = jdbc.sql(SELECT + where + " order by c.created_at, c.id limit :limit offset :offset")
                .params(params).param("limit", page.size()).param("offset", page.offset())
                .query(CustomerRepository::map).list();
        return new Page<>(items, total, page);
    }

    void replaceSearchTerms(String accountId, String customerId, Set<String> terms) {
        jdbc.sql("delete from customer_search_term where account_id = :account and customer_id = :customer")
                .param("account", accountId).param("customer", customerId).update();
        for (String term : terms) {
            jdbc.sql("insert into customer_search_term (account_id, term, customer_id) values (:account, :term, :customer)")
                    .param("account", accountId).param("term", SearchTerms.bytes(term)).param("customer", customerId)
                    .update();
        }
    }

    /** Pairs of (customer id, field id, value) for the given customers. */
    List<String[]> customFieldValues(String accountId, Collection<String> customerIds) {
        if (customerIds.isEmpty()) {
            return new ArrayList<>();
        }
        return jdbc.sql("""
                select customer_id, field_id, field_value from customer_custom_field_value
                 where account_id = :account and customer_id in (:customers)""")
                .param("account", accountId).param("customers", customerIds)
                .query((rs, rowNum) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).list();
    }

    void putCustomFieldValue(String accountId, String customerId, String fieldId, String value) {
        removeCustomFieldValue(accountId, customerId, fieldId);
        jdbc.sql("""
                insert into customer_custom_field_value (account_id, customer_id, field_id, field_value)
                values (:account, :customer, :field, :value)""")
                .param("account", accountId).param("customer", customerId).param("field", fieldId).param("value", value)
                .update();
    }

    void removeCustomFieldValue(String accountId, String customerId, String fieldId) {
        jdbc.sql("delete from customer_custom_field_value where account_id = :account and customer_id = :customer and field_id = :field")
                .param("account", accountId).param("customer", customerId).param("field", fieldId).update();
    }

    boolean blacklist(String accountId, String emailKey, Instant now) {
        return jdbc.sql("insert into email_blacklist (account_id, email_key, created_at) values (:account, :key, :now) on conflict do nothing")
                .param("account", accountId).param("key", emailKey).param("now", utc(now)).update() == 1;
    }

    boolean unblacklist(String accountId, String emailKey) {
        return jdbc.sql("delete from email_blacklist where account_id = :account and email_key = :key")
                .param("account", accountId).param("key", emailKey).update() == 1;
    }

    Page<BlacklistedAddress> blacklist(String accountId, PageRequest page) {
        long total = jdbc.sql("select count(*) from email_blacklist where account_id = :account")
                .param("account", accountId).query(Long.class).single();
        var items = jdbc.sql("""
                select email_key, created_at from email_blacklist where account_id = :account
                 order by email_key limit :limit offset :offset""")
                .param("account", accountId).param("limit", page.size()).param("offset", page.offset())
                .query((rs, rowNum) -> new BlacklistedAddress(rs.getString("email_key"), instant(rs, "created_at"))).list();
        return new Page<>(items, total, page);
    }

    boolean isBlacklisted(String accountId, String emailKey) {
        return jdbc.sql("select count(*) from email_blacklist where account_id = :account and email_key = :key")
                .param("account", accountId).param("key", emailKey).query(Long.class).single() > 0;
    }

    private static MapSqlParameterSource parameters(String accountId, CustomerView customer) {
        return new MapSqlParameterSource()
                .addValue("account", accountId).addValue("id", customer.id()).addValue("internalId", customer.internalId())
                .addValue("name", customer.name()).addValue("email", customer.email())
                .addValue("emailKey", Keys.of(customer.email())).addValue("phone", customer.phone())
                .addValue("organization", customer.organizationId()).addValue("portfolio", customer.portfolioId())
                .addValue("quota", customer.monthlyTicketQuota(), Types.INTEGER)
                .addValue("allowTickets", customer.allowCreateTickets()).addValue("emailValidated", customer.emailValidated())
                .addValue("active", customer.active()).addValue("approved", customer.accountApproved())
                .addValue("language", storedLanguage(customer.language()))
                .addValue("created", utc(customer.createdAt())).addValue("updated", utc(customer.updatedAt()));
    }

    private static CustomerView map(ResultSet rs, int rowNum) throws SQLException {
        return new CustomerView(rs.getString("id"), rs.getString("internal_id"), rs.getString("name"), rs.getString("email"),
                rs.getString("phone"), rs.getString("organization_id"), rs.getString("organization_name"),
                rs.getString("portfolio_id"), rs.getObject("monthly_ticket_quota", Integer.class),
                rs.getBoolean("allow_create_tickets"), rs.getBoolean("email_validated"), rs.getBoolean("active"),
                rs.getBoolean("account_approved"), language(rs.getString("language")),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    /** The customer table's code of a language, fixed by the rows already written. */
    private static String storedLanguage(CustomerLanguage language) {
        return switch (language) {
            case PT_BR -> "pt-BR";
            case ES_ES -> "es_ES";
            case EN_US -> "en-US";
        };
    }

    private static CustomerLanguage language(String code) {
        return switch (code) {
            case "pt-BR" -> CustomerLanguage.PT_BR;
            case "es_ES" -> CustomerLanguage.ES_ES;
            case "en-US" -> CustomerLanguage.EN_US;
            default -> throw new IllegalStateException("No customer language is stored as " + code);
        };
    }
}
