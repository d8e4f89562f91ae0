package io.atende.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.atende.department.DepartmentManagement;
import io.atende.operator.OperatorManagement;
import io.atende.platform.InvalidInputException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The reports: what happened to the account's tickets over a period, grouped and filtered. */
@Service
public class ReportManagement {

    /** The longest period a report covers, in days: two years. */
    public static final int MAX_DAYS = 731;

    private static final List<FactKind> TICKET_KINDS = List.of(FactKind.CREATED, FactKind.FIRST_REPLY, FactKind.FINISHED,
            FactKind.CANCELLED, FactKind.MERGED, FactKind.REOPENED, FactKind.EVALUATED, FactKind.WORK);

    private final ReportRepository repository;
    private final ReportBackfill backfill;
    private final BackfillRepository backfills;
    private final DepartmentManagement departments;
    private final OperatorManagement operators;
    private final long exactDurations;

    ReportManagement(ReportRepository repository, ReportBackfill backfill, BackfillRepository backfills, DepartmentManagement departments,
                     OperatorManagement operators,
                     @Value("${atende.report.exact-durations-up-to}") long exactDurations) {
        this.repository = repository;
        this.backfill = backfill;
        this.backfills = backfills;
        this.departments = departments;
        this.operators = operators;
        this.exactDurations = exactDurations;
    }

    /**
     * The ticket report; invalid input for a missing or reversed period or one longer than {@link #MAX_DAYS}. Read from
     * the per-day rollups when one answers the query's filters and grouping ({@link ReportRepository.Rollup}), else
     * from the facts. Medians and percentiles are exact when the period holds at most {@link #exactDurations}
     * durations, else read from the rollups' histograms (see {@link DurationHistogram} for their precision).
     */
    @Transactional(readOnly = true)
    public TicketReport tickets(String accountId, ReportQuery query) {
        validate(query);
        var rollup = ReportRepository.Rollup.of(query);
        if (rollup.isEmpty()) {
            return ticketsFromFacts(accountId, query);
        }
        var grouping = query.groupBy();
        String column = ReportRepository.Rollup.column(grouping);
        // Each fact is in exactly one group, so the whole period is the sum of the groups: no second read.
        var aggregates = repository.rolledUp(accountId, query, rollup.get(), column, TICKET_KINDS);
        var histograms = repository.histograms(accountId, query, rollup.get(), column);
        long durations = histograms.values().stream().flatMap(kinds -> kinds.values().stream())
                .flatMap(counts -> counts.values().stream()).mapToLong(Long::longValue).sum();
        var grouped = withDurations(accountId, query, column, byGroup(aggregates), histograms, durations);
        Map<FactKind, NavigableMap<Long, Long>> merged = new EnumMap<>(FactKind.class);
        histograms.values().forEach(kinds -> kinds.forEach((kind, counts) -> counts.forEach((bucket, count) ->
                merged.computeIfAbsent(kind, key -> new TreeMap<>()).merge(bucket, count, Long::sum))));
        var total = withDurations(accountId, query, null, byGroup(ReportRepository.Aggregate.sumByKind(aggregates)),
                Map.of("", merged), durations).getOrDefault("", Map.of());
        long totalBacklog = repository.rolledUpOpenAtEndOf(accountId, rollup.get(), query.to(), false).getOrDefault("", 0L);
        if (grouping.isTime()) {
            long backlog = repository.rolledUpOpenAtEndOf(accountId, rollup.get(), query.from().minusDays(1), false)
                    .getOrDefault("", 0L);
            return new TicketReport(query, timeRows(query, grouped, backlog), figures(total, totalBacklog));
        }
        var open = repository.rolledUpOpenAtEndOf(accountId, rollup.get(), query.to(), true);
        return new TicketReport(query, groupRows(accountId, grouping, grouped, open), figures(total, totalBacklog));
    }

    /** The ticket report read from the facts: for filters and groupings no rollup answers. */
    private TicketReport ticketsFromFacts(String accountId, ReportQuery query) {
        var grouping = query.groupBy();
        var grouped = byGroup(repository.aggregates(accountId, query, grouping.column(), TICKET_KINDS));
        var total = byGroup(repository.aggregates(accountId, query, null, TICKET_KINDS)).getOrDefault("", Map.of());
        long totalBacklog = repository.openAtEndOf(accountId, query, query.to(), null).getOrDefault("", 0L);
        if (grouping.isTime()) {
            long backlog = repository.openAtEndOf(accountId, query, query.from().minusDays(1), null).getOrDefault("", 0L);
            return new TicketReport(query, timeRows(query, grouped, backlog), figures(total, totalBacklog));
        }
        var open = repository.openAtEndOf(accountId, query, query.to(), grouping.column());
        return new TicketReport(query, groupRows(accountId, grouping, grouped, open), figures(total, totalBacklog));
    }

    /** A row per day, week or month of the period, each with the backlog at its end. */
    private static List<TicketReport.Row> timeRows(ReportQuery query, Map<String, Map<FactKind, ReportRepository.Aggregate>> grouped,
                                                   long backlogBefore) {
        List<TicketReport.Row> rows = new ArrayList<>();
        long backlog = backlogBefore;
        for (String bucket : buckets(query)) {
            var kinds = grouped.getOrDefault(bucket, Map.of());
            backlog += count(kinds, FactKind.CREATED) + count(kinds, FactKind.REOPENED)
                    - count(kinds, FactKind.FINISHED) - count(kinds, FactKind.CANCELLED) - count(kinds, FactKind.MERGED);
            rows.add(new TicketReport.Row(bucket, bucket, figures(kinds, backlog)));
        }
        return rows;
    }

    /** A row per department, operator, category or channel with something in the period or open at its end, by name. */
    private List<TicketReport.Row> groupRows(String accountId, ReportGrouping grouping,
                                             Map<String, Map<FactKind, ReportRepository.Aggregate>> grouped, Map<String, Long> open) {
        Set<String> groups = new LinkedHashSet<>(grouped.keySet());
        groups.addAll(open.keySet());
        var names = names(accountId, grouping, groups);
        List<TicketReport.Row> rows = new ArrayList<>();
        for (String group : groups) {
            rows.add(new TicketReport.Row(group, names.getOrDefault(group, group),
                    figures(grouped.getOrDefault(group, Map.of()), open.getOrDefault(group, 0L))));
        }
        rows.sort(Comparator.comparing((TicketReport.Row row) -> row.name().toLowerCase()).thenComparing(TicketReport.Row::group));
        return rows;
    }

    /**
     * The rolled-up aggregates with their medians and 90th percentiles: exact from the facts when the period holds
     * few durations, else from the histograms.
     */
    private Map<String, Map<FactKind, ReportRepository.Aggregate>> withDurations(
            String accountId, ReportQuery query, String column, Map<String, Map<FactKind, ReportRepository.Aggregate>> grouped,
            Map<String, Map<FactKind, NavigableMap<Long, Long>>> histograms, long durations) {
        Map<String, Map<FactKind, ReportRepository.Aggregate>> exact = Map.of();
        if (durations > 0 && durations <= exactDurations) {
            String factColumn = column == null ? null : column.equals("group_id") ? query.groupBy().column() : column;
            exact = byGroup(repository.aggregates(accountId, query, factColumn, List.of(FactKind.FIRST_REPLY, FactKind.FINISHED)));
        }
        Map<String, Map<FactKind, ReportRepository.Aggregate>> result = new LinkedHashMap<>();
        for (var group : grouped.entrySet()) {
            Map<FactKind, ReportRepository.Aggregate> kinds = new EnumMap<>(FactKind.class);
            for (var entry : group.getValue().entrySet()) {
                var aggregate = entry.getValue();
                if (entry.getKey() == FactKind.FIRST_REPLY || entry.getKey() == FactKind.FINISHED) {
                    Double median;
                    Double p90;
                    var precise = exact.getOrDefault(group.getKey(), Map.of()).get(entry.getKey());
                    if (precise != null) {
                        median = precise.median();
                        p90 = precise.p90();
                    } else {
                        var counts = histograms.getOrDefault(group.getKey(), Map.of()).getOrDefault(entry.getKey(),
                                new TreeMap<>());
                        median = DurationHistogram.percentile(counts, 0.5);
                        p90 = DurationHistogram.percentile(counts, 0.9);
                    }
                    aggregate = new ReportRepository.Aggregate(aggregate.group(), aggregate.kind(), aggregate.count(), median, p90,
                            aggregate.judged(), aggregate.met(), aggregate.graded(), aggregate.gradeSum(), aggregate.answered(),
                            aggregate.solved(), aggregate.workSeconds());
                }
                kinds.put(entry.getKey(), aggregate);
            }
            result.put(group.getKey(), kinds);
        }
        return result;
    }

    /**
     * The chat report: chats queued in the period, by the day, week or month they were queued or by their department
     * or operator; invalid input as for {@link #tickets}, and for a grouping by category or channel, which chats lack.
     */
    @Transactional(readOnly = true)
    public Report<ChatFigures> chats(String accountId, ReportQuery query) {
        validate(query);
        var grouping = query.groupBy();
        if (grouping == ReportGrouping.CATEGORY || grouping == ReportGrouping.CHANNEL) {
            throw new InvalidInputException("group_by", "report.grouping_not_for_chats");
        }
        Map<String, ChatFigures> grouped = new LinkedHashMap<>();
        for (var aggregate : repository.chatAggregates(accountId, query, grouping.column())) {
            grouped.put(aggregate.group(), chatFigures(aggregate));
        }
        var totals = repository.chatAggregates(accountId, query, null);
        var total = totals.isEmpty() ? chatFigures(null) : chatFigures(totals.get(0));
        List<Report.Row<ChatFigures>> rows = new ArrayList<>();
        if (grouping.isTime()) {
            for (String bucket : buckets(query)) {
                rows.add(new Report.Row<>(bucket, bucket, grouped.getOrDefault(bucket, chatFigures(null))));
            }
        } else {
            var names = names(accountId, grouping, grouped.keySet());
            grouped.forEach((group, figures) -> rows.add(new Report.Row<>(group, names.getOrDefault(group, group), figures)));
            rows.sort(Comparator.comparing((Report.Row<ChatFigures> row) -> row.name().toLowerCase()).thenComparing(Report.Row::group));
        }
        return new Report<>(query, rows, total);
    }

    private static ChatFigures chatFigures(ReportRepository.ChatAggregate aggregate) {
        if (aggregate == null || aggregate.queued() == 0) {
            return new ChatFigures(0, 0, 0, null, null, null, null, 0, null);
        }
        return new ChatFigures(aggregate.queued(), aggregate.accepted(), aggregate.abandoned(), minutes(aggregate.waitMedian()),
                minutes(aggregate.waitP90()), minutes(aggregate.durationMedian()), minutes(aggregate.durationP90()),
                aggregate.graded(), average(aggregate.gradeSum(), aggregate.graded()));
    }

    /**
     * The operator report: a row per operator with activity in the period (replies, finishes, first replies, work,
     * evaluations of their tickets, accepted chats), by name. The grouping of the query is not used; the department
     * filter applies to the tickets and chats, the operator filter keeps that operator's row.
     */
    @Transactional(readOnly = true)
    public Report<OperatorFigures> operators(String accountId, ReportQuery query) {
        validate(query);
        var unfiltered = new ReportQuery(query.from(), query.to(), ReportGrouping.OPERATOR, query.departmentId(), null,
                query.categoryId(), query.channel(), query.visibility());
        String operator = "case when kind in ('REPLY', 'WORK') then author_id else operator_id end";
        var grouped = byGroup(repository.aggregates(accountId, unfiltered, operator,
                List.of(FactKind.REPLY, FactKind.WORK, FactKind.FINISHED, FactKind.FIRST_REPLY, FactKind.EVALUATED)));
        var handled = repository.distinctTickets(accountId, unfiltered, operator, List.of(FactKind.REPLY, FactKind.FINISHED));
        Map<String, Long> chatsAccepted = new LinkedHashMap<>();
        for (var aggregate : repository.chatAggregates(accountId, unfiltered, "operator_id")) {
            chatsAccepted.put(aggregate.group(), aggregate.accepted());
        }
        Set<String> ids = new LinkedHashSet<>(grouped.keySet());
        ids.addAll(chatsAccepted.keySet());
        ids.remove(TicketFacts.NONE);
        if (query.operatorId() != null) {
            ids.retainAll(Set.of(query.operatorId()));
        }
        var names = names(accountId, ReportGrouping.OPERATOR, ids);
        List<Report.Row<OperatorFigures>> rows = new ArrayList<>();
        for (String id : ids) {
            var kinds = grouped.getOrDefault(id, Map.of());
            var firstReply = kinds.get(FactKind.FIRST_REPLY);
            var finished = kinds.get(FactKind.FINISHED);
            var evaluated = kinds.get(FactKind.EVALUATED);
            var work = kinds.get(FactKind.WORK);
            rows.add(new Report.Row<>(id, names.getOrDefault(id, id), new OperatorFigures(handled.getOrDefault(id, 0L),
                    count(kinds, FactKind.REPLY), count(kinds, FactKind.FINISHED),
                    minutes(firstReply == null ? null : firstReply.median()), minutes(finished == null ? null : finished.median()),
                    evaluated == null ? 0 : evaluated.graded(),
                    evaluated == null ? null : average(evaluated.gradeSum(), evaluated.graded()),
                    work == null ? 0 : Math.round(work.workSeconds() / 60.0), chatsAccepted.getOrDefault(id, 0L))));
        }
        rows.sort(Comparator.comparing((Report.Row<OperatorFigures> row) -> row.name().toLowerCase()).thenComparing(Report.Row::group));
        return new Report<>(query, rows, null);
    }

    /**
     * Asks for every fact of the account to be computed again from its tickets and chats as they are now, in the
     * background ({@link ReportBackfill}); figures of tickets not yet recounted stay as they were meanwhile.
     */
    @Transactional
    public void requestRecount(String accountId) {
        backfill.request(accountId);
    }

    /** The account's pending recount, if any: how far it got. */
    @Transactional(readOnly = true)
    public Optional<RecountProgress> recountProgress(String accountId) {
        return backfills.find(accountId).map(found -> new RecountProgress(found.full(), found.requestedAt(),
                found.ticketAfter() == null));
    }

    static void validate(ReportQuery query) {
        if (query.from() == null) {
            throw new InvalidInputException("from", "parameter.required");
        }
        if (query.to() == null) {
            throw new InvalidInputException("to", "parameter.required");
        }
        if (query.from().isAfter(query.to())) {
            throw new InvalidInputException("from", "report.period_reversed");
        }
        if (ChronoUnit.DAYS.between(query.from(), query.to()) + 1 > MAX_DAYS) {
            throw new InvalidInputException("to", "report.period_too_long", MAX_DAYS);
        }
    }

    /** Every day, week (by its Monday) or month (by its first day) the period touches, in order. */
    static List<String> buckets(ReportQuery query) {
        List<String> buckets = new ArrayList<>();
        LocalDate first = switch (query.groupBy()) {
            case WEEK -> query.from().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> query.from().withDayOfMonth(1);
            default -> query.from();
        };
        for (LocalDate bucket = first; !bucket.isAfter(query.to()); ) {
            buckets.add(bucket.toString());
            bucket = switch (query.groupBy()) {
                case WEEK -> bucket.plusWeeks(1);
                case MONTH -> bucket.plusMonths(1);
                default -> bucket.plusDays(1);
            };
        }
        return buckets;
    }

    static Map<String, Map<FactKind, ReportRepository.Aggregate>> byGroup(List<ReportRepository.Aggregate> aggregates) {
        Map<String, Map<FactKind, ReportRepository.Aggregate>> byGroup = new LinkedHashMap<>();
        for (var aggregate : aggregates) {
            byGroup.computeIfAbsent(aggregate.group(), group -> new EnumMap<>(FactKind.class)).put(aggregate.kind(), aggregate);
        }
        return byGroup;
    }

    private static TicketFigures figures(Map<FactKind, ReportRepository.Aggregate> kinds, long backlog) {
        var firstReply = kinds.get(FactKind.FIRST_REPLY);
        var finished = kinds.get(FactKind.FINISHED);
        var evaluated = kinds.get(FactKind.EVALUATED);
        var work = kinds.get(FactKind.WORK);
        return new TicketFigures(count(kinds, FactKind.CREATED), count(kinds, FactKind.FINISHED),
                count(kinds, FactKind.CANCELLED), count(kinds, FactKind.MERGED), count(kinds, FactKind.REOPENED), backlog,
                minutes(firstReply == null ? null : firstReply.median()), minutes(firstReply == null ? null : firstReply.p90()),
                minutes(finished == null ? null : finished.median()), minutes(finished == null ? null : finished.p90()),
                firstReply == null ? null : percent(firstReply.met(), firstReply.judged()),
                finished == null ? null : percent(finished.met(), finished.judged()),
                evaluated == null ? 0 : evaluated.graded(),
                evaluated == null ? null : average(evaluated.gradeSum(), evaluated.graded()),
                evaluated == null ? null : percent(evaluated.solved(), evaluated.answered()),
                work == null ? 0 : Math.round(work.workSeconds() / 60.0));
    }

    static long count(Map<FactKind, ReportRepository.Aggregate> kinds, FactKind kind) {
        var aggregate = kinds.get(kind);
        return aggregate == null ? 0 : aggregate.count();
    }

    /** Seconds as minutes with one decimal. */
    static Double minutes(Double seconds) {
        return seconds == null ? null : Math.round(seconds / 6.0) / 10.0;
    }

    static Double percent(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 10.0;
    }

    static Double average(long sum, long count) {
        return count == 0 ? null : Math.round(sum * 100.0 / count) / 100.0;
    }

    /** The names of the groups of a department, operator or category report; a channel is its own name. */
    Map<String, String> names(String accountId, ReportGrouping grouping, Set<String> groups) {
        Map<String, String> names = new LinkedHashMap<>();
        switch (grouping) {
            case DEPARTMENT -> departments.listDepartments(accountId).forEach(one -> names.put(one.id(), one.name()));
            case CATEGORY -> departments.listAllCategories(accountId).forEach(one -> names.put(one.id(), one.name()));
            case OPERATOR -> operators.findAll(accountId, groups.stream().filter(id -> !id.isEmpty()).toList())
                    .forEach((id, one) -> names.put(id, one.name()));
            default -> {
            }
        }
        names.put(TicketFacts.NONE, "");
        return names;
    }
}
