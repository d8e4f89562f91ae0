package io.atende.sla;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.atende.platform.SqlTimes.instant;
import static io.atende.platform.SqlTimes.utc;

/** The tickets' recorded clock transitions and the clocks' current state. */
@Repository
class SlaClockRepository {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;

    SlaClockRepository(JdbcClient jdbc, NamedParameterJdbcTemplate named) {
        this.jdbc = jdbc;
        this.named = named;
    }

    /** A recorded transition; {@code traits} on those that apply a policy. */
    record Recorded(int seq, SlaTransition transition, String traits) {
    }

    /** A target's stored clock with its policy's name and calendar, {@code calendar} 24x7 without one. */
    record StoredClock(String ticketId, TargetClock clock, String policyName, BusinessCalendar calendar) {
    }

    List<Recorded> transitions(String accountId, String ticketId) {
        return jdbc.sql("""
                select seq, occurred_at, kind, policy_id, traits from sla_ticket_transition
                 where account_id = :account and ticket_id = :ticket order by seq""")
                .param("account", accountId).param("ticket", ticketId)
                .query((rs, rowNum) -> new Recorded(rs.getInt("seq"), new SlaTransition(instant(rs, "occurred_at"),
                        SlaTransition.Kind.valueOf(rs.getString("kind")), rs.getString("policy_id")), rs.getString("traits")))
                .list();
    }

    void append(String accountId, String ticketId, List<Recorded> transitions) {
        for (var recorded : transitions) {
            jdbc.sql("""
                    insert into sla_ticket_transition (account_id, ticket_id, seq, occurred_at, kind, policy_id, traits)
                    values (:account, :ticket, :seq, :at, :kind, :policy, :traits)""")
                    .param("account", accountId).param("ticket", ticketId).param("seq", recorded.seq())
                    .param("at", utc(recorded.transition().occurredAt())).param("kind", recorded.transition().kind().name())
                    .param("policy", recorded.transition().policyId()).param("traits", recorded.traits()).update();
        }
    }

    /** Replaces the ticket's stored clocks with these, as of {@code now}. */
    /**
     * Stores the ticket's clocks with their alert moments, in one batch; {@code stored}: whether the ticket may have
     * rows already (a new ticket has none to delete).
     */
    void replaceClocks(String accountId, String ticketId, Collection<TargetClock> clocks, Map<SlaTarget, SlaAlertSchedule.Alerts> alerts,
                       boolean stored, Instant now) {
        if (stored) {
            jdbc.sql("delete from sla_ticket_target where account_id = :account and ticket_id = :ticket")
                    .param("account", accountId).param("ticket", ticketId).update();
        }
        if (clocks.isEmpty()) {
            return;
        }
        List<MapSqlParameterSource> rows = new ArrayList<>();
        for (var clock : clocks) {
            var alert = alerts.getOrDefault(clock.target(), SlaAlertSchedule.Alerts.NONE);
            rows.add(new MapSqlParameterSource().addValue("account", accountId).addValue("ticket", ticketId)
                    .addValue("target", clock.target().name()).addValue("policy", clock.policyId())
                    .addValue("budget", clock.budget().toSeconds()).addValue("elapsed", clock.elapsed().toSeconds())
                    .addValue("running", clock.running()).addValue("paused", clock.paused())
                    .addValue("deadline", utc(clock.deadline())).addValue("breached", utc(clock.breachedAt()))
                    .addValue("accomplished", utc(clock.accomplishedAt())).addValue("now", utc(now))
                    .addValue("warning", utc(alert.warningAt())).addValue("warned", utc(alert.warnedAt()))
                    .addValue("breachAlerted", utc(alert.breachAlertedAt())).addValue("next", utc(alert.next())));
        }
        named.batchUpdate("""
                insert into sla_ticket_target (account_id, ticket_id, target, policy_id, budget_seconds, elapsed_seconds,
                                               running, paused, deadline, breached_at, accomplished_at, updated_at,
                                               warning_at, warned_at, breach_alerted_at, next_alert_at)
                values (:account, :ticket, :target, :policy, :budget, :elapsed, :running, :paused, :deadline, :breached,
                        :accomplished, :now, :warning, :warned, :breachAlerted, :next)""", rows.toArray(MapSqlParameterSource[]::new));
    }

    /** The stored clocks of these tickets, with their policies' names and calendars, in one read. */
    List<StoredClock> clocks(String accountId, Collection<String> ticketIds) {
        if (ticketIds.isEmpty()) {
            return List.of();
        }
        List<StoredClock> clocks = new ArrayList<>();
        // Bounded batches keep the IN list within what every database takes.
        List<String> ids = List.copyOf(ticketIds);
        for (int from = 0; from < ids.size(); from += 500) {
            clocks.addAll(jdbc.sql("""
                    select t.ticket_id, t.target, t.policy_id, t.budget_seconds, t.elapsed_seconds, t.running, t.paused,
                           t.deadline, t.breached_at, t.accomplished_at, p.name as policy_name,
                           c.time_zone, c.hours, c.holidays
                      from sla_ticket_target t
                      join sla_policy p on p.account_id = t.account_id and p.id = t.policy_id
                      left join sla_calendar c on c.account_id = p.account_id and c.id = p.calendar_id
                     where t.account_id = :account and t.ticket_id in (:ids)
                     order by t.ticket_id, t.target""")
                    .param("account", accountId).param("ids", ids.subList(from, Math.min(ids.size(), from + 500)))
                    .query(new StoredClocks()).list());
        }
        return clocks;
    }

    /** Reads the rows of one query, each calendar parsed once however many tickets it measures. */
    private static final class StoredClocks implements RowMapper<StoredClock> {

        private final Map<List<String>, BusinessCalendar> calendars = new HashMap<>();

        @Override
        public StoredClock mapRow(ResultSet rs, int rowNum) throws SQLException {
        var clock = new TargetClock(SlaTarget.valueOf(rs.getString("target")), rs.getString("policy_id"),
                Duration.ofSeconds(rs.getLong("budget_seconds")), Duration.ofSeconds(rs.getLong("elapsed_seconds")),
                rs.getBoolean("running"), rs.getBoolean("paused"), instant(rs, "deadline"), instant(rs, "breached_at"),
                instant(rs, "accomplished_at"));
        String zone = rs.getString("time_zone");
        String hours = rs.getString("hours");
        String holidays = rs.getString("holidays");
        var calendar = zone == null ? BusinessCalendar.twentyFourSeven()
                : calendars.computeIfAbsent(List.of(zone, hours, holidays == null ? "" : holidays),
                        key -> new BusinessCalendar(ZoneId.of(zone), BusinessHours.parse(hours), Holidays.parse(holidays)));
        return new StoredClock(rs.getString("ticket_id"), clock, rs.getString("policy_name"), calendar);
        }
    }
}
