package io.atende.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import static io.atende.platform.SqlTimes.instant;
import static io.atende.platform.SqlTimes.utc;

/**
 * When each stored clock's alerts fall due, and which were already published: planned here and written with the
 * clocks in the transaction of the ticket's change ({@link SlaClockRepository#replaceClocks}), read and advanced by {@link SlaAlertWorker}. The rows of a ticket are locked
 * while its clocks are replaced, so a worker publishing an alert for it waits or skips them; what was published
 * carries over to the new rows unless a clock started a new cycle (its count went back).
 */
@Component
class SlaAlertSchedule {

    private final JdbcClient jdbc;

    SlaAlertSchedule(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What a target's row said before its clocks were replaced. */
    record Sent(Duration elapsed, Instant warnedAt, Instant breachAlertedAt) {
    }

    /** The alerts already published for the ticket's targets, its rows locked until the transaction ends. */
    Map<SlaTarget, Sent> sentBefore(String accountId, String ticketId) {
        Map<SlaTarget, Sent> sent = new HashMap<>();
        jdbc.sql("""
                select target, elapsed_seconds, warned_at, breach_alerted_at from sla_ticket_target
                 where account_id = :account and ticket_id = :ticket for update""")
                .param("account", accountId).param("ticket", ticketId)
                .query(rs -> {
                    sent.put(SlaTarget.valueOf(rs.getString("target")), new Sent(Duration.ofSeconds(rs.getLong("elapsed_seconds")),
                            instant(rs, "warned_at"), instant(rs, "breach_alerted_at")));
                });
        return sent;
    }

    /**
     * For the clocks of a ticket adopted just now (see {@link TicketClockKeeper}): the alerts whose moment has passed
     * count as published now, so that adopting a ticket does not alert its past.
     */
    static Map<SlaTarget, Sent> pastAlerts(Collection<TargetClock> clocks, Function<String, SlaMeasure> measures, Instant now) {
        Map<SlaTarget, Sent> sent = new HashMap<>();
        for (var clock : clocks) {
            var measure = measures.apply(clock.policyId());
            boolean breached = clock.breachedAt() != null;
            Instant warning = warningAt(clock, measure == null ? 0 : measure.warningPercent(), measure, now);
            boolean warned = breached || (warning != null && !warning.isAfter(now));
            sent.put(clock.target(), new Sent(clock.elapsed(), warned ? now : null, breached ? now : null));
        }
        return sent;
    }

    /** When a stored clock's alerts fall due and which its cycle already published, written with the clock. */
    record Alerts(Instant warningAt, Instant warnedAt, Instant breachAlertedAt, Instant next) {

        static final Alerts NONE = new Alerts(null, null, null, null);
    }

    /** When the ticket's freshly computed clocks alert, keeping what their cycle already published. */
    static Map<SlaTarget, Alerts> plan(Collection<TargetClock> clocks, Map<SlaTarget, Sent> sent, Function<String, SlaMeasure> measures,
                                       Instant now) {
        Map<SlaTarget, Alerts> plan = new HashMap<>();
        for (var clock : clocks) {
            var before = sent.get(clock.target());
            // A clock whose count went back started a new cycle (a next reply after the customer wrote again).
            boolean sameCycle = before != null && clock.elapsed().compareTo(before.elapsed()) >= 0;
            Instant warnedAt = sameCycle ? before.warnedAt() : null;
            Instant breachAlertedAt = sameCycle ? before.breachAlertedAt() : null;
            var measure = measures.apply(clock.policyId());
            // A deleted policy's clocks warn no more.
            Instant warningAt = warningAt(clock, measure == null ? 0 : measure.warningPercent(), measure, now);
            Instant breachAt = clock.breachedAt() != null ? clock.breachedAt() : clock.deadline();
            Instant next = earliest(warnedAt == null ? warningAt : null, breachAlertedAt == null ? breachAt : null);
            plan.put(clock.target(), new Alerts(warningAt, warnedAt, breachAlertedAt, next));
        }
        return plan;
    }

    /**
     * When the clock counts {@code percent} of its budget: reckoned on the calendar from now while it runs; now when it
     * already counted that much (paused or not) and has not been decided; never for a paused clock short of it, a
     * stopped one or one already met.
     */
    static Instant warningAt(TargetClock clock, int percent, SlaMeasure measure, Instant now) {
        if (!clock.running() || clock.accomplishedAt() != null || clock.breachedAt() != null || percent <= 0 || percent >= 100) {
            return null;
        }
        Duration share = Duration.ofSeconds(clock.budget().toSeconds() * percent / 100);
        if (clock.elapsed().compareTo(share) >= 0) {
            return now;
        }
        if (clock.paused() || measure == null) {
            return null;
        }
        return measure.calendar().deadline(now, share.minus(clock.elapsed()));
    }

    static Instant earliest(Instant first, Instant second) {
        if (first == null) {
            return second;
        }
        return second == null || first.isBefore(second) ? first : second;
    }

    /** A due target as the worker claims it. */
    record Due(String ticketId, SlaTarget target, String policyId, Instant warningAt, Instant warnedAt, Instant breachAt,
               Instant breachAlertedAt) {
    }

    /** The accounts that may have clocks: those with a policy (few; read from the policies' primary key). */
    List<String> accountsWithPolicies() {
        return jdbc.sql("select distinct account_id from sla_policy").query(String.class).list();
    }

    /** Locks up to {@code limit} of the account's targets whose next alert is due, that no other node holds, earliest first. */
    List<Due> lockDue(String accountId, Instant now, int limit) {
        return jdbc.sql("""
                select ticket_id, target, policy_id, warning_at, warned_at, breached_at, deadline, breach_alerted_at
                  from sla_ticket_target
                 where account_id = :account and next_alert_at <= :now
                 order by next_alert_at
                 limit :limit
                 for update skip locked""")
                .param("account", accountId).param("now", utc(now)).param("limit", limit)
                .query((rs, rowNum) -> {
                    Instant breached = instant(rs, "breached_at");
                    return new Due(rs.getString("ticket_id"), SlaTarget.valueOf(rs.getString("target")), rs.getString("policy_id"),
                            instant(rs, "warning_at"), instant(rs, "warned_at"), breached != null ? breached : instant(rs, "deadline"),
                            instant(rs, "breach_alerted_at"));
                })
                .list();
    }

    /**
     * Records the alerts about to be published for a due target and when its next one falls due; false when another
     * node recorded them first (nothing changes then).
     */
    boolean published(String accountId, Due due, boolean warn, boolean breach, Instant now, Instant next) {
        return jdbc.sql("""
                update sla_ticket_target
                   set warned_at = case when :warn then :now else warned_at end,
                       breach_alerted_at = case when :breach then :now else breach_alerted_at end,
                       next_alert_at = :next
                 where account_id = :account and ticket_id = :ticket and target = :target
                   and (not :warn or warned_at is null) and (not :breach or breach_alerted_at is null)""")
                .paramSource(new MapSqlParameterSource().addValue("account", accountId).addValue("ticket", due.ticketId())
                        .addValue("target", due.target().name()).addValue("warn", warn).addValue("breach", breach)
                        .addValue("now", utc(now)).addValue("next", utc(next)))
                .update() == 1;
    }
}
