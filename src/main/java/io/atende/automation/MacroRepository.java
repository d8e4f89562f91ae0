package io.atende.automation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import io.atende.platform.Keys;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.atende.platform.SqlTimes.instant;
import static io.atende.platform.SqlTimes.utc;

@Repository
class MacroRepository {

    private static final String SELECT = "select id, name, reply, actions, operator_id, created_at, updated_at from automation_macro";

    private final JdbcClient jdbc;

    MacroRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String accountId, MacroView macro) {
        jdbc.sql("""
                insert into automation_macro (account_id, id, name, name_key, reply, actions, operator_id, created_at, updated_at)
                values (:account, :id, :name, :key, :reply, :actions, :operator, :created, :updated)""")
                .param("account", accountId).param("id", macro.id()).param("name", macro.name()).param("key", Keys.of(macro.name()))
                .param("reply", macro.reply()).param("actions", ActionJson.format(macro.actions()))
                .param("operator", macro.operatorId()).param("created", utc(macro.createdAt()))
                .param("updated", utc(macro.updatedAt()))
                .update();
    }

    void update(String accountId, MacroView macro) {
        jdbc.sql("""
                update automation_macro set name = :name, name_key = :key, reply = :reply, actions = :actions,
                operator_id = :operator, updated_at = :updated where account_id = :account and id = :id""")
                .param("account", accountId).param("id", macro.id()).param("name", macro.name()).param("key", Keys.of(macro.name()))
                .param("reply", macro.reply()).param("actions", ActionJson.format(macro.actions()))
                .param("operator", macro.operatorId()).param("updated", utc(macro.updatedAt()))
                .update();
    }

    void delete(String accountId, String id) {
        jdbc.sql("delete from automation_macro where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).update();
    }

    void deleteOwnedBy(String accountId, String operatorId) {
        jdbc.sql("delete from automation_macro where account_id = :account and operator_id = :operator")
                .param("account", accountId).param("operator", operatorId).update();
    }

    Optional<MacroView> find(String accountId, String id) {
        return jdbc.sql(SELECT + " where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).query(MacroRepository::map).optional();
    }

    List<MacroView> list(String accountId) {
        return jdbc.sql(SELECT + " where account_id = :account order by name_key, id")
                .param("account", accountId).query(MacroRepository::map).list();
    }

    private static MacroView map(ResultSet rs, int rowNum) throws SQLException {
        return new MacroView(rs.getString("id"), rs.getString("name"), rs.getString("reply"),
                ActionJson.parse("actions", rs.getString("actions")), rs.getString("operator_id"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }
}
