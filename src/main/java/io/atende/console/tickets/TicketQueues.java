package io.atende.console.tickets;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.platform.Page;
import io.atende.platform.PageRequest;
import io.atende.department.DepartmentVisibility;
import io.atende.ticket.Situation;
import io.atende.ticket.SlaStatus;
import io.atende.ticket.TicketManagement;
import io.atende.ticket.TicketSlaState;
import io.atende.ticket.TicketStatusManagement;
import io.atende.ticket.TicketView;

import org.springframework.stereotype.Component;

/** The ticket queues of the console: one page of a queue, shown with names, and the count of each queue. */
@Component
public class TicketQueues {

    /** The situations an operator works through, each a queue of its own (the reserved ones are never set). */
    static final List<Situation> WORKING = List.of(Situation.NO_OPERATOR, Situation.NOT_STARTED, Situation.AWAITING_CUSTOMER,
            Situation.AWAITING_OPERATOR, Situation.OPERATOR_CHANGED, Situation.SENT_TO_SUPPORT_TEAM);

    private final TicketManagement tickets;
    private final TicketStatusManagement statuses;
    private final DeskDirectory directory;
    private final Clock clock;

    TicketQueues(TicketManagement tickets, TicketStatusManagement statuses, DeskDirectory directory, Clock clock) {
        this.tickets = tickets;
        this.clock = clock;
        this.statuses = statuses;
        this.directory = directory;
    }

    /** A page of the queue the query asks for, as rows; 400 for a bad filter value, an unknown organization included. */
    Page<TicketRow> page(String accountId, String operatorId, TicketQueueQuery query, DepartmentVisibility visibility) {
        var ticketQuery = query.ticketQuery(operatorId, directory.zone(accountId)).visibleTo(visibility);
        Page<TicketView> page;
        try {
            page = tickets.list(accountId, ticketQuery, new PageRequest(query.pageNumber(), PageRequest.DEFAULT_SIZE));
        } catch (NotFoundException unknown) {
            if (query.organizationId() == null) {
                throw unknown;
            }
            // The organization is a value the operator picked or typed in the filter form, not a page that is missing.
            throw new InvalidInputException("organization_id", "parameter.invalid");
        }
        return rows(accountId, page);
    }

    /** The tickets as rows with the names of their customer, department, operator and status. */
    Page<TicketRow> rows(String accountId, Page<TicketView> page) {
        var departments = directory.departments(accountId);
        var operators = directory.operators(accountId, page.items().stream().map(TicketView::operatorId).toList());
        var people = directory.customers(accountId, page.items().stream().map(TicketView::customerId).toList());
        Map<String, String> statusNames = new LinkedHashMap<>();
        statuses.list(accountId).forEach(status -> statusNames.put(status.id(), status.name()));
        var slaStates = tickets.slaStates(accountId, page.items().stream().map(TicketView::id).toList());
        Instant now = clock.instant();
        return page.map(ticket -> new TicketRow(ticket.id(), ticket.protocol(), ticket.subject(),
                name(people.get(ticket.customerId())), departments.containsKey(ticket.departmentId())
                        ? departments.get(ticket.departmentId()).name() : null,
                operators.containsKey(ticket.operatorId()) ? operators.get(ticket.operatorId()).name() : null,
                ticket.situation(), ticket.statusId() == null ? null : statusNames.get(ticket.statusId()),
                PriorityField.value(ticket.priority()),
                ticket.updatedAt(), sla(slaStates.get(ticket.id()), now)));
    }

    /**
     * How many tickets each queue holds now: the personal queues, each department, situation and custom status,
     * added up from the account's tallies (two reads, however many departments and statuses there are).
     */
    public QueueCounts counts(String accountId, String operatorId, DepartmentVisibility visibility) {
        var tallies = tickets.tallies(accountId, operatorId, visibility);
        Set<Situation> open = TicketQueueQuery.OPEN;
        long unassigned = 0;
        long mine = 0;
        long openTotal = 0;
        Map<String, Long> byDepartment = new HashMap<>();
        Map<Situation, Long> bySituation = new EnumMap<>(Situation.class);
        for (var row : tallies.byDepartment()) {
            bySituation.merge(row.situation(), row.tickets(), Long::sum);
            if (open.contains(row.situation())) {
                unassigned += row.unassignedTickets();
                openTotal += row.tickets();
                mine += row.operatorTickets();
                byDepartment.merge(row.departmentId(), row.tickets(), Long::sum);
            }
        }
        Map<String, Long> byStatus = new HashMap<>();
        tallies.byStatus().stream().filter(row -> open.contains(row.situation()))
                .forEach(row -> byStatus.merge(row.statusId(), row.tickets(), Long::sum));
        List<Count> departments = new ArrayList<>();
        directory.departments(accountId).values().stream().filter(department -> visibility.sees(department.id()))
                .forEach(department -> departments.add(new Count(department.id(), department.name(),
                        byDepartment.getOrDefault(department.id(), 0L))));
        List<SituationCount> situations = new ArrayList<>();
        for (var situation : WORKING) {
            situations.add(new SituationCount(SituationParameter.Choice.of(situation), bySituation.getOrDefault(situation, 0L)));
        }
        List<Count> statusCounts = new ArrayList<>();
        statuses.list(accountId).forEach(status -> statusCounts.add(new Count(status.id(), status.name(),
                byStatus.getOrDefault(status.id(), 0L))));
        // The operator's own open tickets are few: counting those at risk or breached reads the operator's index.
        long mineAlerted = mine == 0 ? 0 : tickets.count(accountId, TicketQueueQuery.of("mine").ticketQuery(operatorId, ZoneOffset.UTC)
                .visibleTo(visibility).withSlaStatuses(EnumSet.of(SlaStatus.AT_RISK, SlaStatus.BREACHED)));
        return new QueueCounts(unassigned, mine, mineAlerted, openTotal, departments, situations, statusCounts);
    }

    /** The sizes of the operator's two personal queues, for the console's start page. */
    public PersonalCounts personal(String accountId, String operatorId, DepartmentVisibility visibility) {
        return new PersonalCounts(tickets.count(accountId, TicketQueueQuery.of("unassigned").ticketQuery(operatorId, ZoneOffset.UTC)
                .visibleTo(visibility)),
                tickets.count(accountId, TicketQueueQuery.of("mine").ticketQuery(operatorId, ZoneOffset.UTC).visibleTo(visibility)));
    }

    private static SlaMark sla(TicketSlaState state, Instant now) {
        if (state == null) {
            return null;
        }
        var status = state.statusAt(now);
        return status == null ? null : new SlaMark(status, state.deadline());
    }

    private static String name(io.atende.customer.CustomerView customer) {
        return customer == null ? null : customer.name();
    }

    /** One line of a queue. */
    public record TicketRow(String id, long protocol, String subject, String customer, String department, String operator,
                            Situation situation, String status, int priority, Instant updatedAt, SlaMark sla) {
    }

    /**
     * A ticket's nearest SLA deadline as a row shows it; {@code null} on a row without a running clock.
     *
     * @param deadline {@code null} while paused
     */
    public record SlaMark(SlaStatus status, Instant deadline) {

        /** The status as the name of its CSS class and message key: ok, at_risk, breached, paused. */
        public String key() {
            return status.name().toLowerCase(Locale.ROOT);
        }
    }

    /** The size of one queue: its key (department or status id), name and ticket count. */
    public record Count(String key, String name, long tickets) {
    }

    /** The size of one situation's queue, with the value its link carries. */
    public record SituationCount(SituationParameter.Choice choice, long tickets) {
    }

    /** How many open tickets have no operator (whatever their situation) and how many open ones are the operator's. */
    public record PersonalCounts(long unassigned, long mine) {
    }

    /** The sizes of every queue. */
    /** @param mineAlerted how many of the operator's open tickets are at risk or breached (SLA) */
    public record QueueCounts(long unassigned, long mine, long mineAlerted, long open, List<Count> departments, List<SituationCount> situations,
                              List<Count> statuses) {
    }
}
