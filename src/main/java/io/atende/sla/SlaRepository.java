package io.atende.sla;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.atende.platform.Keys;
import io.atende.ticket.Priority;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.atende.platform.SqlTimes.instant;
import static io.atende.platform.SqlTimes.utc;

@Repository
class SlaRepository {

    private final JdbcClient jdbc;

    SlaRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertCalendar(String accountId, CalendarView calendar) {
        jdbc.sql("""
                insert into sla_calendar (account_id, id, name, name_key, time_zone, hours, holidays, created_at, updated_at)
                values (:account, :id, :name, :key, :zone, :hours, :holidays, :now, :now)""")
                .param("account", accountId).param("id", calendar.id()).param("name", calendar.name())
                .param("key", Keys.of(calendar.name())).param("zone", calendar.calendar().zone().getId())
                .param("hours", calendar.calendar().hours().toString())
                .param("holidays", String.join(",", calendar.calendar().holidays().texts()))
                .param("now", utc(calendar.createdAt())).update();
    }

    void updateCalendar(String accountId, CalendarView calendar, Instant now) {
        jdbc.sql("""
                update sla_calendar set name = :name, name_key = :key, time_zone = :zone, hours = :hours, holidays = :holidays,
                       updated_at = :now
                 where account_id = :account and id = :id""")
                .param("account", accountId).param("id", calendar.id()).param("name", calendar.name())
                .param("key", Keys.of(calendar.name())).param("zone", calendar.calendar().zone().getId())
                .param("hours", calendar.calendar().hours().toString())
                .param("holidays", String.join(",", calendar.calendar().holidays().texts()))
                .param("now", utc(now)).update();
    }

    void deleteCalendar(String accountId, String id) {
        jdbc.sql("delete from sla_calendar where account_id = :account and id = :id").param("account", accountId).param("id", id).update();
    }

    Optional<CalendarView> findCalendar(String accountId, String id) {
        return jdbc.sql("select id, name, time_zone, hours, holidays, created_at from sla_calendar where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).query(SlaRepository::calendar).optional();
    }

    List<CalendarView> listCalendars(String accountId) {
        return jdbc.sql("select id, name, time_zone, hours, holidays, created_at from sla_calendar where account_id = :account order by name_key, id")
                .param("account", accountId).query(SlaRepository::calendar).list();
    }

    boolean calendarNameTaken(String accountId, String name, String exceptId) {
        return jdbc.sql("select count(*) from sla_calendar where account_id = :account and name_key = :key and id <> :except")
                .param("account", accountId).param("key", Keys.of(name)).param("except", exceptId == null ? "" : exceptId)
                .query(Long.class).single() > 0;
    }

    boolean calendarInUse(String accountId, String calendarId) {
        return jdbc.sql("select count(*) from sla_policy where account_id = :account and calendar_id = :calendar")
                .param("account", accountId).param("calendar", calendarId).query(Long.class).single() > 0;
    }

    void insertPolicy(String accountId, SlaPolicy policy) {
        jdbc.sql("""
                insert into sla_policy (account_id, id, name, name_key, calendar_id, department_id, category_id, priorities,
                                        organization_id, first_reply_minutes, next_reply_minutes, resolution_minutes,
                                        warning_percent, sort_position, active, created_at, updated_at)
                values (:account, :id, :name, :key, :calendar, :department, :category, :priorities, :organization, :first,
                        :next, :resolution, :warning, :position, :active, :now, :now)""")
                .paramSource(policyParams(accountId, policy, policy.createdAt())).update();
    }

    void updatePolicy(String accountId, SlaPolicy policy, Instant now) {
        jdbc.sql("""
                update sla_policy set name = :name, name_key = :key, calendar_id = :calendar, department_id = :department,
                       category_id = :category, priorities = :priorities, organization_id = :organization,
                       first_reply_minutes = :first, next_reply_minutes = :next, resolution_minutes = :resolution,
                       warning_percent = :warning, sort_position = :position, active = :active, updated_at = :now
                 where account_id = :account and id = :id""")
                .paramSource(policyParams(accountId, policy, now)).update();
    }

    void deletePolicy(String accountId, String id) {
        jdbc.sql("delete from sla_policy where account_id = :account and id = :id").param("account", accountId).param("id", id).update();
    }

    Optional<SlaPolicy> findPolicy(String accountId, String id) {
        return jdbc.sql(POLICY_COLUMNS + " where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).query(SlaRepository::policy).optional();
    }

    /** Every policy of the account in the order they are tried. */
    List<SlaPolicy> listPolicies(String accountId) {
        return jdbc.sql(POLICY_COLUMNS + " where account_id = :account order by sort_position, created_at, id")
                .param("account", accountId).query(SlaRepository::policy).list();
    }

    boolean policyNameTaken(String accountId, String name, String exceptId) {
        return jdbc.sql("select count(*) from sla_policy where account_id = :account and name_key = :key and id <> :except")
                .param("account", accountId).param("key", Keys.of(name)).param("except", exceptId == null ? "" : exceptId)
                .query(Long.class).single() > 0;
    }

    int lastPosition(String accountId) {
        return jdbc.sql("select coalesce(max(sort_position), 0) from sla_policy where account_id = :account")
                .param("account", accountId).query(Integer.class).single();
    }

    boolean policyNamesOrganization(String accountId, String organizationId) {
        return jdbc.sql("select count(*) from sla_policy where account_id = :account and organization_id = :organization")
                .param("account", accountId).param("organization", organizationId).query(Long.class).single() > 0;
    }

    boolean policyNamesDepartment(String accountId, String departmentId) {
        return jdbc.sql("select count(*) from sla_policy where account_id = :account and department_id = :department")
                .param("account", accountId).param("department", departmentId).query(Long.class).single() > 0;
    }

    boolean policyNamesCategory(String accountId, String categoryId) {
        return jdbc.sql("select count(*) from sla_policy where account_id = :account and category_id = :category")
                .param("account", accountId).param("category", categoryId).query(Long.class).single() > 0;
    }

    private static final String POLICY_COLUMNS = """
            select id, name, calendar_id, department_id, category_id, priorities, organization_id, first_reply_minutes,
                   next_reply_minutes, resolution_minutes, warning_percent, sort_position, active, created_at
              from sla_policy""";

    private static org.springframework.jdbc.core.namedparam.MapSqlParameterSource policyParams(String accountId, SlaPolicy policy,
                                                                                                 Instant now) {
        var conditions = policy.conditions();
        var targets = policy.targets();
        return new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
                .addValue("account", accountId).addValue("id", policy.id()).addValue("name", policy.name())
                .addValue("key", Keys.of(policy.name())).addValue("calendar", policy.calendarId())
                .addValue("department", conditions.departmentId()).addValue("category", conditions.categoryId())
                .addValue("priorities", conditions.priorities().isEmpty() ? null : conditions.priorities().stream()
                        .sorted().map(Priority::name).collect(Collectors.joining(",")))
                .addValue("organization", conditions.organizationId())
                .addValue("first", minutes(targets.firstReply())).addValue("next", minutes(targets.nextReply()))
                .addValue("resolution", minutes(targets.resolution())).addValue("warning", policy.warningPercent())
                .addValue("position", policy.position()).addValue("active", policy.active()).addValue("now", utc(now));
    }

    private static Integer minutes(Duration target) {
        return target == null ? null : Math.toIntExact(target.toMinutes());
    }

    private static Duration target(ResultSet rs, String column) throws SQLException {
        int minutes = rs.getInt(column);
        return rs.wasNull() ? null : Duration.ofMinutes(minutes);
    }

    private static CalendarView calendar(ResultSet rs, int rowNum) throws SQLException {
        var calendar = new BusinessCalendar(ZoneId.of(rs.getString("time_zone")), BusinessHours.parse(rs.getString("hours")),
                Holidays.parse(rs.getString("holidays")));
        return new CalendarView(rs.getString("id"), rs.getString("name"), calendar, instant(rs, "created_at"));
    }

    private static SlaPolicy policy(ResultSet rs, int rowNum) throws SQLException {
        String stored = rs.getString("priorities");
        Set<Priority> priorities = EnumSet.noneOf(Priority.class);
        if (stored != null && !stored.isEmpty()) {
            Arrays.stream(stored.split(",")).map(Priority::valueOf).forEach(priorities::add);
        }
        var conditions = new SlaConditions(rs.getString("department_id"), rs.getString("category_id"), priorities,
                rs.getString("organization_id"));
        var targets = new SlaTargets(target(rs, "first_reply_minutes"), target(rs, "next_reply_minutes"), target(rs, "resolution_minutes"));
        return new SlaPolicy(rs.getString("id"), rs.getString("name"), rs.getString("calendar_id"), conditions, targets,
                rs.getInt("warning_percent"), rs.getInt("sort_position"), rs.getBoolean("active"), instant(rs, "created_at"));
    }
}
