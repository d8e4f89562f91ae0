package io.atende.audit;

import static io.atende.platform.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atende.platform.Actor;
import io.atende.platform.Page;
import io.atende.platform.PageRequest;
import io.atende.platform.SqlTimes;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Inserts and reads audit entries; on purpose there is no statement that updates or deletes one. */
@Repository
class AuditRepository {

    private static final TypeReference<LinkedHashMap<String, Object>> FIELDS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Keeps of the entries about (or by) the subjects only that the acts happened: their recorded fields go, and an
     * actor among the subjects is named {@code neutralName}.
     */
    void forgetSubjects(String accountId, Collection<String> subjectIds, String neutralName) {
        jdbc.sql("""
                update audit_entry set before_state = null, after_state = null,
                       actor_name = case when actor_id in (:ids) then :neutral else actor_name end
                 where account_id = :account and (subject_id in (:ids) or actor_id in (:ids))""")
                .param("account", accountId).param("ids", subjectIds).param("neutral", neutralName).update();
    }

    void insert(String accountId, AuditEntry entry) {
        jdbc.sql("""
                insert into audit_entry (account_id, id, occurred_at, actor_kind, actor_id, actor_name, client_address,
                                         action, subject_type, subject_id, before_state, after_state)
                values (:account, :id, :at, :kind, :actorId, :actorName, :address, :action, :subjectType, :subjectId,
                        :before, :after)""")
                .param("account", accountId).param("id", entry.id()).param("at", utc(entry.occurredAt()))
                .param("kind", entry.actor().kind().name()).param("actorId", cut(entry.actor().id(), 320))
                .param("actorName", cut(entry.actor().name(), 320)).param("address", cut(entry.clientAddress(), 64))
                .param("action", entry.action()).param("subjectType", entry.subjectType())
                .param("subjectId", cut(entry.subjectId(), 320))
                .param("before", entry.before().isEmpty() ? null : json.writeValueAsString(entry.before()))
                .param("after", entry.after().isEmpty() ? null : json.writeValueAsString(entry.after()))
                .update();
    }

    Page<AuditEntry> list(String accountId, AuditFilter filter, PageRequest page) {
        var where = new StringBuilder(" where account_id = :account");
        var params = new LinkedHashMap<String, Object>();
        params.put("account", accountId);
        if (filter.from() != null) {
            where.append(" and occurred_at >= :from");
            params.put("from", utc(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" and occurred_at < :to");
            params.put("to", utc(filter.to()));
        }
        if (filter.action() != null) {
            where.append(" and action = :action");
            params.put("action", filter.action());
        }
        if (filter.actorId() != null) {
            where.append(" and actor_id = :actorId");
            params.put("actorId", filter.actorId());
        }
        if (filter.subjectId() != null) {
            where.append(" and subject_id = :subjectId");
            params.put("subjectId", filter.subjectId());
        }
        if (filter.within() != null) {
            if (filter.within().isEmpty()) {
                where.append(" and 1 = 0");
            } else {
                where.append(" and subject_id in (:within)");
                params.put("within", filter.within());
            }
        }
        long total = jdbc.sql("select count(*) from audit_entry" + where).params(params).query(Long.class).single();
        List<AuditEntry> items = total == 0 ? List.of() : jdbc.sql("""
                select id, occurred_at, actor_kind, actor_id, actor_name, client_address, action, subject_type, subject_id,
                       before_state, after_state
                from audit_entry""" + where + " order by occurred_at desc, id desc limit :limit offset :offset")
                .params(params).param("limit", page.size()).param("offset", page.offset())
                .query(this::map).list();
        return new Page<>(new ArrayList<>(items), total, page);
    }

    private AuditEntry map(ResultSet rs, int row) throws SQLException {
        var actor = new Actor(Actor.Kind.valueOf(rs.getString("actor_kind")), rs.getString("actor_id"), rs.getString("actor_name"));
        return new AuditEntry(rs.getString("id"), SqlTimes.instant(rs, "occurred_at"), actor, rs.getString("client_address"),
                rs.getString("action"), rs.getString("subject_type"), rs.getString("subject_id"),
                fields(rs.getString("before_state")), fields(rs.getString("after_state")));
    }

    private Map<String, Object> fields(String text) {
        return text == null ? Map.of() : json.readValue(text, FIELDS);
    }

    private static String cut(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }
}
