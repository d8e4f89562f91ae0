package io.atende.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.atende.platform.Keys;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.atende.platform.SqlTimes.instant;
import static io.atende.platform.SqlTimes.utc;

@Repository
class TicketStatusRepository {

    private final JdbcClient jdbc;

    TicketStatusRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String accountId, TicketStatusView status) {
        jdbc.sql("""
                insert into ticket_status (account_id, id, name, name_key, pauses_sla, created_at, updated_at)
                values (:account, :id, :name, :key, :pauses, :now, :now)""")
                .param("account", accountId).param("id", status.id()).param("name", status.name())
                .param("key", Keys.of(status.name())).param("pauses", status.pausesSla()).param("now", utc(status.createdAt()))
                .update();
    }

    void update(String accountId, String id, String name, boolean pausesSla, Instant now) {
        jdbc.sql("""
                update ticket_status set name = :name, name_key = :key, pauses_sla = :pauses, updated_at = :now
                 where account_id = :account and id = :id""")
                .param("account", accountId).param("id", id).param("name", name).param("key", Keys.of(name))
                .param("pauses", pausesSla).param("now", utc(now)).update();
    }

    void delete(String accountId, String id) {
        jdbc.sql("delete from ticket_status where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).update();
    }

    Optional<TicketStatusView> find(String accountId, String id) {
        return jdbc.sql("select id, name, created_at, pauses_sla from ticket_status where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).query(TicketStatusRepository::map).optional();
    }

    boolean nameTaken(String accountId, String name, String exceptId) {
        return jdbc.sql("select count(*) from ticket_status where account_id = :account and name_key = :key and id <> :except")
                .param("account", accountId).param("key", Keys.of(name)).param("except", exceptId == null ? "" : exceptId)
                .query(Long.class).single() > 0;
    }

    List<TicketStatusView> list(String accountId) {
        return jdbc.sql("select id, name, created_at, pauses_sla from ticket_status where account_id = :account order by name_key, id")
                .param("account", accountId).query(TicketStatusRepository::map).list();
    }

    private static TicketStatusView map(ResultSet rs, int rowNum) throws SQLException {
        return new TicketStatusView(rs.getString("id"), rs.getString("name"), instant(rs, "created_at"), rs.getBoolean("pauses_sla"));
    }
}
