package io.atende.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.atende.platform.Keys;
import io.atende.platform.Page;
import io.atende.platform.PageRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.atende.platform.SqlTimes.instant;
import static io.atende.platform.SqlTimes.utc;

@Repository
class OrganizationRepository {

    private static final String SELECT = """
            select o.id, o.name, o.parent_id, p.name as parent_name, o.created_at
              from organization o
              left join organization p on p.account_id = o.account_id and p.id = o.parent_id
            """;

    private final JdbcClient jdbc;

    OrganizationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String accountId, OrganizationView organization) {
        jdbc.sql("""
                insert into organization (account_id, id, name, name_key, parent_id, created_at, updated_at)
                values (:account, :id, :name, :key, :parent, :now, :now)""")
                .param("account", accountId).param("id", organization.id()).param("name", organization.name())
                .param("key", Keys.of(organization.name())).param("parent", organization.parentId())
                .param("now", utc(organization.createdAt()))
                .update();
    }

    void update(String accountId, String id, String name, String parentId, Instant now) {
        jdbc.sql("""
                update organization set name = :name, name_key = :key, parent_id = :parent, updated_at = :now
                 where account_id = :account and id = :id""")
                .param("account", accountId).param("id", id).param("name", name).param("key", Keys.of(name))
                .param("parent", parentId).param("now", utc(now))
                .update();
    }

    void delete(String accountId, String id) {
        jdbc.sql("delete from organization where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).update();
    }

    Optional<OrganizationView> find(String accountId, String id) {
        return jdbc.sql(SELECT + " where o.account_id = :account and o.id = :id")
                .param("account", accountId).param("id", id).query(OrganizationRepository::map).optional();
    }

    boolean nameTaken(String accountId, String name, String exceptId) {
        return jdbc.sql("select count(*) from organization where account_id = :account and name_key = :key and id <> :except")
                .param("account", accountId).param("key", Keys.of(name)).param("except", exceptId == null ? "" : exceptId)
                .query(Long.class).single() > 0;
    }

    Page<OrganizationView> list(String accountId, PageRequest page) {
        long total = jdbc.sql("select count(*) from organization where account_id = :account")
                .param("account", accountId).query(Long.class).single();
        var items = jdbc.sql(SELECT + " where o.account_id = :account order by o.name_key, o.id limit :limit offset :offset")
                .param("account", accountId).param("limit", page.size()).param("offset", page.offset())
                .query(OrganizationRepository::map).list();
        return new Page<>(items, total, page);
    }

    Optional<String> parentOf(String accountId, String id) {
        return jdbc.sql("select parent_id from organization where account_id = :account and id = :id")
                .param("account", accountId).param("id", id)
                .query((rs, rowNum) -> Optional.ofNullable(rs.getString(1))).optional().flatMap(parent -> parent);
    }

    List<String> childrenOf(String accountId, Collection<String> ids) {
        return jdbc.sql("select id from organization where account_id = :account and parent_id in (:ids)")
                .param("account", accountId).param("ids", ids).query(String.class).list();
    }

    private static OrganizationView map(ResultSet rs, int rowNum) throws SQLException {
        return new OrganizationView(rs.getString("id"), rs.getString("name"), rs.getString("parent_id"),
                rs.getString("parent_name"), instant(rs, "created_at"));
    }
}
