package io.atende.operator;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.atende.platform.SqlTimes.instant;
import static io.atende.platform.SqlTimes.utc;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CustomRoleRepository {

    private static final String SELECT = """
            select r.id, r.name, r.permissions, r.created_at, r.updated_at,
                   (select count(*) from operator o where o.account_id = r.account_id and o.custom_role_id = r.id) as operators
              from operator_custom_role r""";

    private final JdbcClient jdbc;

    CustomRoleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<CustomRoleView> list(String accountId) {
        return jdbc.sql(SELECT + " where r.account_id = :account order by r.name_key, r.id")
                .param("account", accountId).query(CustomRoleRepository::map).list();
    }

    Optional<CustomRoleView> find(String accountId, String id) {
        return jdbc.sql(SELECT + " where r.account_id = :account and r.id = :id")
                .param("account", accountId).param("id", id).query(CustomRoleRepository::map).optional();
    }

    boolean nameTaken(String accountId, String nameKey, String exceptId) {
        return jdbc.sql("select count(*) from operator_custom_role where account_id = :account and name_key = :key and id <> :except")
                .param("account", accountId).param("key", nameKey).param("except", exceptId == null ? "" : exceptId)
                .query(Long.class).single() > 0;
    }

    void insert(String accountId, String id, String name, String nameKey, Set<Permission> permissions, java.time.Instant now) {
        jdbc.sql("""
                insert into operator_custom_role (account_id, id, name, name_key, permissions, created_at, updated_at)
                values (:account, :id, :name, :key, :permissions, :now, :now)""")
                .param("account", accountId).param("id", id).param("name", name).param("key", nameKey)
                .param("permissions", Permission.format(permissions)).param("now", utc(now)).update();
    }

    void update(String accountId, String id, String name, String nameKey, Set<Permission> permissions, java.time.Instant now) {
        jdbc.sql("""
                update operator_custom_role set name = :name, name_key = :key, permissions = :permissions, updated_at = :now
                 where account_id = :account and id = :id""")
                .param("account", accountId).param("id", id).param("name", name).param("key", nameKey)
                .param("permissions", Permission.format(permissions)).param("now", utc(now)).update();
    }

    void delete(String accountId, String id) {
        jdbc.sql("delete from operator_custom_role where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).update();
    }

    private static CustomRoleView map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new CustomRoleView(rs.getString("id"), rs.getString("name"), Permission.parse(rs.getString("permissions")),
                rs.getInt("operators"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }
}
