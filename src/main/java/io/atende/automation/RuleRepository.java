package io.atende.automation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static io.atende.platform.SqlTimes.instant;
import static io.atende.platform.SqlTimes.utc;

@Repository
class RuleRepository {

    private static final String SELECT = """
            select id, name, events, match_all, conditions, actions, position, active, created_at, updated_at, run_count,
                   failure_count, last_run_at, last_failure_at, last_error from automation_trigger""";

    /** An event waiting to be judged by the account's triggers. */
    record QueuedEvent(String accountId, String id, String ticketId, String event, String channel, int depth,
                       List<String> ruleIds) {
    }

    private final JdbcClient jdbc;

    RuleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String accountId, RuleKind kind, RuleView trigger) {
        jdbc.sql("""
                insert into automation_trigger (account_id, id, kind, name, events, match_all, conditions, actions, position, active,
                                                created_at, updated_at)
                values (:account, :id, :kind, :name, :events, :all, :conditions, :actions, :position, :active, :created, :updated)""")
                .param("account", accountId).param("kind", kind.stored()).param("id", trigger.id()).param("name", trigger.name())
                .param("events", String.join(",", trigger.events())).param("all", trigger.matchAll())
                .param("conditions", ConditionJson.format(trigger.conditions())).param("actions", ActionJson.format(trigger.actions()))
                .param("position", trigger.position()).param("active", trigger.active())
                .param("created", utc(trigger.createdAt())).param("updated", utc(trigger.updatedAt()))
                .update();
    }

    void update(String accountId, RuleView trigger) {
        jdbc.sql("""
                update automation_trigger set name = :name, events = :events, match_all = :all, conditions = :conditions,
                       actions = :actions, position = :position, active = :active, updated_at = :updated
                 where account_id = :account and id = :id""")
                .param("account", accountId).param("id", trigger.id()).param("name", trigger.name())
                .param("events", String.join(",", trigger.events())).param("all", trigger.matchAll())
                .param("conditions", ConditionJson.format(trigger.conditions())).param("actions", ActionJson.format(trigger.actions()))
                .param("position", trigger.position()).param("active", trigger.active())
                .param("updated", utc(trigger.updatedAt()))
                .update();
    }

    void delete(String accountId, String id) {
        // The tickets a deleted automation remembered would never be judged by it again.
        jdbc.sql("delete from automation_rule_hit where account_id = :account and automation_id = :id")
                .param("account", accountId).param("id", id).update();
        jdbc.sql("delete from automation_trigger where account_id = :account and id = :id")
                .param("account", accountId).param("id", id).update();
    }

    int nextPosition(String accountId, RuleKind kind) {
        return jdbc.sql("select coalesce(max(position), 0) + 1 from automation_trigger where account_id = :account and kind = :kind")
                .param("account", accountId).param("kind", kind.stored()).query(Integer.class).single();
    }

    Optional<RuleView> find(String accountId, RuleKind kind, String id) {
        return jdbc.sql(SELECT + " where account_id = :account and id = :id and kind = :kind")
                .param("account", accountId).param("id", id).param("kind", kind.stored()).query(RuleRepository::map).optional();
    }

    List<RuleView> list(String accountId, RuleKind kind) {
        return jdbc.sql(SELECT + " where account_id = :account and kind = :kind order by position, created_at, id")
                .param("account", accountId).param("kind", kind.stored()).query(RuleRepository::map).list();
    }

    /** The accounts that have an active automation. */
    List<String> accountsWithAutomations() {
        return jdbc.sql("select distinct account_id from automation_trigger where kind = 'automation' and active = true")
                .query(String.class).list();
    }

    // --- automations: their hits and the sweep's lease

    boolean hit(String accountId, String automationId, String ticketId) {
        return jdbc.sql("""
                select count(*) from automation_rule_hit where account_id = :account and automation_id = :rule and ticket_id = :ticket""")
                .param("account", accountId).param("rule", automationId).param("ticket", ticketId).query(Integer.class).single() > 0;
    }

    void recordHit(String accountId, String automationId, String ticketId, Instant at) {
        jdbc.sql("""
                insert into automation_rule_hit (account_id, automation_id, ticket_id, acted_at) values (:account, :rule, :ticket, :at)""")
                .param("account", accountId).param("rule", automationId).param("ticket", ticketId).param("at", utc(at)).update();
    }

    void forgetHit(String accountId, String automationId, String ticketId) {
        jdbc.sql("delete from automation_rule_hit where account_id = :account and automation_id = :rule and ticket_id = :ticket")
                .param("account", accountId).param("rule", automationId).param("ticket", ticketId).update();
    }

    // --- pruning: what no longer keeps a rule from acting twice

    /**
     * Removes up to {@code limit} events' worth of the account's trigger runs recorded before {@code cutoff} whose event
     * has left the queue: a judged event is never judged again, so its runs no longer prevent anything (the rule's
     * counters keep how often it ran). Answers the rows removed.
     */
    int pruneRuns(String accountId, Instant cutoff, int limit) {
        return jdbc.sql("""
                delete from automation_trigger_run
                 where account_id = :account and ran_at < :cutoff
                   and event_id in (select r.event_id from automation_trigger_run r
                                     where r.account_id = :account and r.ran_at < :cutoff
                                       and not exists (select 1 from automation_trigger_event e
                                                        where e.account_id = r.account_id and e.id = r.event_id)
                                     limit :limit)""")
                .param("account", accountId).param("cutoff", utc(cutoff)).param("limit", limit)
                .update();
    }

    /** Up to {@code limit} tickets after {@code afterTicketId} that the account's automations remembered before {@code cutoff}. */
    List<String> ticketsHitBefore(String accountId, Instant cutoff, String afterTicketId, int limit) {
        return jdbc.sql("""
                select distinct ticket_id from automation_rule_hit
                 where account_id = :account and acted_at < :cutoff and ticket_id > :after
                 order by ticket_id
                 limit :limit""")
                .param("account", accountId).param("cutoff", utc(cutoff)).param("after", afterTicketId).param("limit", limit)
                .query(String.class).list();
    }

    /** Forgets what the account's automations remembered before {@code cutoff} about these tickets. */
    int forgetHitsBefore(String accountId, Instant cutoff, List<String> ticketIds) {
        return ticketIds.isEmpty() ? 0 : jdbc.sql("""
                delete from automation_rule_hit where account_id = :account and acted_at < :cutoff and ticket_id in (:tickets)""")
                .param("account", accountId).param("cutoff", utc(cutoff)).param("tickets", ticketIds).update();
    }

    /** Takes or renews the sweep's lease; false while another node holds it. */
    boolean leaseSweep(String holder, Instant now, Instant until) {
        return jdbc.sql("""
                update automation_sweep_lease set holder = :holder, lease_until = :until
                 where id = 'automations' and (holder is null or holder = :holder or lease_until is null or lease_until <= :now)""")
                .param("holder", holder).param("until", utc(until)).param("now", utc(now)).update() == 1;
    }

    void releaseSweep(String holder) {
        jdbc.sql("update automation_sweep_lease set holder = null, lease_until = null where id = 'automations' and holder = :holder")
                .param("holder", holder).update();
    }

    // --- runs

    void recordRun(String accountId, String eventId, String triggerId, String ticketId, Instant at, String error) {
        jdbc.sql("""
                insert into automation_trigger_run (account_id, event_id, trigger_id, ticket_id, ran_at, error)
                values (:account, :event, :trigger, :ticket, :at, :error)""")
                .param("account", accountId).param("event", eventId).param("trigger", triggerId).param("ticket", ticketId)
                .param("at", utc(at)).param("error", error)
                .update();
        countRun(accountId, triggerId, at, error);
    }

    /** Counts a run of the rule; with {@code error}, a failed one. */
    void countRun(String accountId, String triggerId, Instant at, String error) {
        jdbc.sql("""
                update automation_trigger set run_count = run_count + 1, last_run_at = :at,
                       failure_count = failure_count + :failed,
                       last_failure_at = case when :failed = 1 then :at else last_failure_at end,
                       last_error = case when :failed = 1 then :error else last_error end
                 where account_id = :account and id = :trigger""")
                .param("account", accountId).param("trigger", triggerId).param("at", utc(at))
                .param("failed", error == null ? 0 : 1).param("error", error)
                .update();
    }

    /** The triggers that ran on the event. */
    /** The triggers that already ran on each of these events (of one account), in one read. */
    Map<String, Set<String>> ranOn(String accountId, List<String> eventIds) {
        Map<String, Set<String>> ran = new HashMap<>();
        jdbc.sql("select event_id, trigger_id from automation_trigger_run where account_id = :account and event_id in (:events)")
                .param("account", accountId).param("events", eventIds)
                .query((rs, row) -> ran.computeIfAbsent(rs.getString("event_id"), id -> new HashSet<>()).add(rs.getString("trigger_id")))
                .list();
        return ran;
    }

    // --- the queue

    void enqueue(List<QueuedEvent> events, Instant now) {
        for (var event : events) {
            jdbc.sql("""
                    insert into automation_trigger_event (account_id, id, ticket_id, event, channel, depth, rule_ids, created_at, due_at)
                    values (:account, :id, :ticket, :event, :channel, :depth, :rules, :now, :now)""")
                    .param("account", event.accountId()).param("id", event.id()).param("ticket", event.ticketId())
                    .param("event", event.event()).param("channel", event.channel()).param("depth", event.depth())
                    .param("rules", String.join(",", event.ruleIds())).param("now", utc(now))
                    .update();
        }
    }

    /**
     * Locks up to {@code limit} due events no other node holds, oldest first, until the transaction ends: the lock is
     * the claim of a transaction that judges them and deletes them before it commits (a node that dies meanwhile
     * leaves them due, unlocked as its connection ends).
     */
    List<DueEvent> lockDue(Instant now, int limit) {
        return jdbc.sql("""
                select account_id, id, ticket_id, event, channel, depth, rule_ids, claim_token from automation_trigger_event
                 where due_at <= :now
                 order by due_at, created_at
                 limit :limit
                 for update skip locked""")
                .param("now", utc(now)).param("limit", limit)
                .query((rs, row) -> new DueEvent(queued(rs, row), rs.getString("claim_token") != null))
                .list();
    }

    /**
     * A due event, and whether a node claimed it before for a lease that ended: only such an event can have runs
     * already recorded, by a node that stopped halfway through it.
     */
    record DueEvent(QueuedEvent event, boolean claimedBefore) {
    }

    /**
     * Claims those of these events of one account that are still due for {@code token} until the lease ends, so that
     * they can be judged over several transactions; waits for a node that has them locked, and leaves them to it
     * if it took them.
     */
    void claimDue(String accountId, List<String> ids, String token, Instant now, Instant leaseUntil) {
        jdbc.sql("""
                update automation_trigger_event set claim_token = :token, due_at = :until
                 where account_id = :account and id in (:ids) and due_at <= :now""")
                .param("account", accountId).param("ids", ids).param("token", token).param("until", utc(leaseUntil))
                .param("now", utc(now))
                .update();
    }

    /**
     * Those of these events of one account that {@code token} still holds (no other node took them over after the
     * lease), locked until the transaction ends, so that no other node takes them over meanwhile.
     */
    List<QueuedEvent> stillClaimed(String accountId, List<String> ids, String token) {
        return jdbc.sql("""
                select account_id, id, ticket_id, event, channel, depth, rule_ids from automation_trigger_event
                 where account_id = :account and id in (:ids) and claim_token = :token
                 for update""")
                .param("account", accountId).param("ids", ids).param("token", token)
                .query(RuleRepository::queued)
                .list();
    }

    private static QueuedEvent queued(ResultSet rs, int row) throws SQLException {
        return new QueuedEvent(rs.getString("account_id"), rs.getString("id"), rs.getString("ticket_id"),
                rs.getString("event"), rs.getString("channel"), rs.getInt("depth"), ids(rs.getString("rule_ids")));
    }

    /** These events of one account leave the queue. */
    void done(String accountId, List<String> ids) {
        jdbc.sql("delete from automation_trigger_event where account_id = :account and id in (:ids)")
                .param("account", accountId).param("ids", ids).update();
    }

    private static List<String> ids(String joined) {
        return joined == null || joined.isBlank() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static RuleView map(ResultSet rs, int rowNum) throws SQLException {
        return new RuleView(rs.getString("id"), rs.getString("name"), ids(rs.getString("events")), rs.getBoolean("match_all"),
                ConditionJson.parse("conditions", rs.getString("conditions")), ActionJson.parse("actions", rs.getString("actions")),
                rs.getInt("position"), rs.getBoolean("active"), instant(rs, "created_at"), instant(rs, "updated_at"),
                rs.getLong("run_count"), rs.getLong("failure_count"), instant(rs, "last_run_at"), instant(rs, "last_failure_at"),
                rs.getString("last_error"));
    }
}
