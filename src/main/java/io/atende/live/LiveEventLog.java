package io.atende.live;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.atende.platform.SqlTimes.instant;
import static io.atende.platform.SqlTimes.utc;

/** The live log's rows. */
@Repository
class LiveEventLog {

    private static final String COLUMNS = "id, account_id, kind, subject_id, department_id, operator_id, actor_id, actor_name, protocol, "
            + "title, created_at";

    private final JdbcClient jdbc;

    LiveEventLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void append(LiveEvent event) {
        jdbc.sql("insert into live_event (account_id, kind, subject_id, department_id, operator_id, actor_id, actor_name, protocol, "
                        + "title, created_at) values (:account, :kind, :subject, :department, :operator, :actor, :actorName, :protocol, "
                        + ":title, :at)")
                .param("account", event.accountId()).param("kind", event.kind().name()).param("subject", event.subjectId())
                .param("department", event.departmentId()).param("operator", event.operatorId()).param("actor", event.actorId())
                .param("actorName", truncate(event.actorName(), 200)).param("protocol", event.protocol())
                .param("title", truncate(event.title(), 250)).param("at", utc(event.createdAt()))
                .update();
    }

    /** The highest id written so far, 0 when none. */
    long lastId() {
        return jdbc.sql("select coalesce(max(id), 0) from live_event").query(Long.class).single();
    }

    /** The entries after {@code afterId} and those among {@code missing} that have appeared since, in id order. */
    List<LiveEvent> after(long afterId, Collection<Long> missing, int limit) {
        var sql = "select " + COLUMNS + " from live_event where id > :after"
                + (missing.isEmpty() ? "" : " or id in (:missing)") + " order by id fetch first :limit rows only";
        var query = jdbc.sql(sql).param("after", afterId).param("limit", limit);
        if (!missing.isEmpty()) {
            query = query.param("missing", missing);
        }
        return query.query(LiveEventLog::event).list();
    }

    int deleteBefore(Instant cutoff) {
        return jdbc.sql("delete from live_event where created_at < :cutoff").param("cutoff", utc(cutoff)).update();
    }

    private static LiveEvent event(ResultSet rs, int row) throws SQLException {
        return new LiveEvent(rs.getLong("id"), rs.getString("account_id"), LiveEvent.Kind.valueOf(rs.getString("kind")),
                rs.getString("subject_id"), rs.getString("department_id"), rs.getString("operator_id"), rs.getString("actor_id"),
                rs.getString("actor_name"), rs.getLong("protocol"), rs.getString("title"), instant(rs, "created_at"));
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
