package io.atende.console.tickets;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.atende.console.ConsoleMessages;
import io.atende.customfield.CustomFieldManagement;
import io.atende.customfield.CustomFieldView;
import io.atende.department.CategoryView;
import io.atende.department.DepartmentManagement;
import io.atende.department.DepartmentVisibility;
import io.atende.platform.PageRequest;
import io.atende.ticket.TicketField;
import io.atende.ticket.TicketHistoryEntry;
import io.atende.ticket.TicketManagement;
import io.atende.ticket.TicketQuery;
import io.atende.ticket.TicketStatusManagement;
import io.atende.ticket.TicketView;

import org.springframework.stereotype.Component;

/**
 * The console's start page for one operator: their open work by SLA deadline, what is at risk, the queues of their
 * departments and the latest changes on their tickets. Every part is one short, indexed read (the queue counts come
 * from the tallies), so the page costs the same on an account of any size.
 */
@Component
public class OperatorHome {

    /** How many tickets each list shows; the rest is one click away in the queue. */
    static final int SHOWN = 10;
    /** How many of the operator's most recently changed tickets the activity list looks at. */
    static final int ACTIVITY = 8;

    private final TicketManagement tickets;
    private final TicketQueues queues;
    private final DepartmentManagement departments;
    private final DeskDirectory directory;
    private final TicketStatusManagement statuses;
    private final CustomFieldManagement customFields;
    private final ConsoleMessages messages;

    OperatorHome(TicketManagement tickets, TicketQueues queues, DepartmentManagement departments, DeskDirectory directory,
                 TicketStatusManagement statuses, CustomFieldManagement customFields, ConsoleMessages messages) {
        this.tickets = tickets;
        this.queues = queues;
        this.departments = departments;
        this.directory = directory;
        this.statuses = statuses;
        this.customFields = customFields;
        this.messages = messages;
    }

    /**
     * What the start page shows.
     *
     * @param openWork    the operator's open tickets, nearest SLA deadline first (those without one last)
     * @param atRisk      the account's open tickets at risk or breached, nearest deadline first
     * @param teamQueues  the open tickets of each department the operator belongs to
     * @param activity    the latest change of each of the operator's most recently changed tickets, newest first
     */
    public record Home(List<TicketQueues.TicketRow> openWork, long openWorkTotal, List<TicketQueues.TicketRow> atRisk,
                       long atRiskTotal, List<TicketQueues.Count> teamQueues, List<Activity> activity) {
    }

    /** One line of recent activity: the ticket and its latest change in words. */
    public record Activity(String ticketId, long protocol, String subject, String change, Instant at) {
    }

    /** @param visibility the departments the operator sees: the tickets at risk and the activity keep to them */
    public Home of(String accountId, String operatorId, Locale locale, DepartmentVisibility visibility) {
        var mine = TicketQueueQuery.of("mine").ticketQuery(operatorId, ZoneOffset.UTC).visibleTo(visibility)
                .sortedBy(TicketQuery.Sort.SLA_DEADLINE, TicketQuery.Direction.ASCENDING);
        var openWork = tickets.list(accountId, mine, new PageRequest(1, SHOWN));
        var risky = TicketQueueQuery.of("sla_at_risk").ticketQuery(operatorId, ZoneOffset.UTC).visibleTo(visibility);
        var atRisk = tickets.list(accountId, risky, new PageRequest(1, SHOWN));
        Set<String> memberOf = departments.listOperatorsOfAllDepartments(accountId).entrySet().stream()
                .filter(entry -> entry.getValue().stream().anyMatch(operator -> operator.id().equals(operatorId)))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        var teamQueues = queues.counts(accountId, operatorId, visibility).departments().stream()
                .filter(count -> memberOf.contains(count.key())).toList();
        return new Home(queues.rows(accountId, openWork.map(view -> view)).items(), openWork.total(),
                queues.rows(accountId, atRisk.map(view -> view)).items(), atRisk.total(), teamQueues,
                activity(accountId, operatorId, locale, visibility));
    }

    private List<Activity> activity(String accountId, String operatorId, Locale locale, DepartmentVisibility visibility) {
        var recent = tickets.list(accountId, TicketQuery.all().withOperator(operatorId).visibleTo(visibility)
                .sortedBy(TicketQuery.Sort.UPDATED, TicketQuery.Direction.DESCENDING), new PageRequest(1, ACTIVITY)).items();
        if (recent.isEmpty()) {
            return List.of();
        }
        Map<String, List<TicketHistoryEntry>> histories = new LinkedHashMap<>();
        for (TicketView ticket : recent) {
            histories.put(ticket.id(), tickets.history(accountId, ticket.id()));
        }
        // Only the last entry of each is shown: name just what those entries mention.
        var latest = histories.values().stream().filter(history -> !history.isEmpty())
                .map(history -> history.get(history.size() - 1)).toList();
        Map<String, String> operatorNames = new HashMap<>();
        directory.operators(accountId, new ArrayList<>(TicketTimeline.operatorIds(latest)))
                .forEach((id, operator) -> operatorNames.put(id, operator.name()));
        Map<String, String> departmentNames = new HashMap<>();
        directory.departments(accountId).forEach((id, department) -> departmentNames.put(id, department.name()));
        Map<String, String> statusNames = new HashMap<>();
        statuses.list(accountId).forEach(status -> statusNames.put(status.id(), status.name()));
        var names = new TicketTimeline.Names(operatorNames, departmentNames,
                latest.stream().anyMatch(entry -> entry.field() == TicketField.CATEGORY)
                        ? departments.listAllCategories(accountId).stream().collect(Collectors.toMap(CategoryView::id, CategoryView::name))
                        : Map.of(),
                statusNames,
                latest.stream().anyMatch(entry -> entry.field() == TicketField.CUSTOM_FIELD)
                        ? customFields.list(accountId).stream().collect(Collectors.toMap(CustomFieldView::id, CustomFieldView::label))
                        : Map.of(),
                ticketLabels(accountId, TicketTimeline.ticketIds(latest)));
        List<Activity> lines = new ArrayList<>();
        for (TicketView ticket : recent) {
            var line = TicketTimeline.latest(histories.get(ticket.id()), names, messages, locale);
            if (line != null) {
                lines.add(new Activity(ticket.id(), ticket.protocol(), ticket.subject(), line.change(), line.at()));
            }
        }
        lines.sort(Comparator.comparing(Activity::at).reversed());
        return lines;
    }

    private Map<String, String> ticketLabels(String accountId, Set<String> ids) {
        Map<String, String> labels = new HashMap<>();
        tickets.findAll(accountId, ids).forEach((id, found) -> labels.put(id, "#" + found.protocol() + " " + found.subject()));
        return labels;
    }
}
