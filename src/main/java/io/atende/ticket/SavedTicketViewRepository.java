package io.atende.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.atende.platform.SqlTimes.instant;
import static io.atende.platform.SqlTimes.utc;

@Repository
class SavedTicketViewRepository {

    private static final String COLUMNS = "id, operator_id, name, filter, created_by, created_at";

    private final JdbcClient jdbc;

    SavedTicketViewRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String accountId, SavedTicketView view) {
        jdbc.sql("insert into ticket_saved_view (account_id, " + COLUMNS + ") values (:account, :id, :operator, :name, :filter, :by, :at)")
                .param("account", accountId).param("id", view.id()).param("operator", view.operatorId()).param("name", view.name())
                .param("filter", view.filter()).param("by", view.createdBy()).param("at", utc(view.createdAt())).update();
    }

    void delete(String accountId, String id) {
        jdbc.sql("delete from ticket_saved_view where account_id = :account and id = :id").param("account", accountId).param("id", id)
                .update();
    }

    /** The account's shared views and the operator's own, shared ones first, each group by name. */
    List<SavedTicketView> visibleTo(String accountId, String operatorId) {
        return jdbc.sql("select " + COLUMNS + " from ticket_saved_view where account_id = :account"
                        + " and (operator_id is null or operator_id = :operator)"
                        + " order by case when operator_id is null then 0 else 1 end, lower(name), id")
                .param("account", accountId).param("operator", operatorId).query(SavedTicketViewRepository::map).list();
    }

    Optional<SavedTicketView> find(String accountId, String id) {
        return jdbc.sql("select " + COLUMNS + " from ticket_saved_view where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).query(SavedTicketViewRepository::map).optional();
    }

    private static SavedTicketView map(ResultSet row, int number) throws SQLException {
        return new SavedTicketView(row.getString("id"), row.getString("operator_id"), row.getString("name"), row.getString("filter"),
                row.getString("created_by"), instant(row, "created_at"));
    }
}
