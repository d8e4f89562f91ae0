package io.atende.api.v2;

import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.atende.customfield.CustomFieldManagement;
import io.atende.customfield.CustomFieldView;
import io.atende.department.CategoryView;
import io.atende.department.DepartmentManagement;
import io.atende.department.DepartmentView;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorView;
import io.atende.ticket.Priority;
import io.atende.ticket.Situation;
import io.atende.ticket.TicketField;
import io.atende.ticket.TicketHistoryEntry;
import io.atende.ticket.TicketStatusManagement;
import io.atende.ticket.TicketStatusView;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A ticket's history in its wire shape: each value as the API speaks it elsewhere (situation and priority codes,
 * ids of departments, operators, categories, custom statuses and custom fields) with the name a reader shows for it,
 * as things are named now.
 */
@Component
class TicketHistoryRendering {

    /** A changed value: its code, id or text, and how to show it ({@code null} when the value is a text itself). */
    record ValueWire(Object value, String name) {

        static final ValueWire EMPTY = new ValueWire(null, null);
    }

    /** Who made the change: type is operator, customer, api_token, email, rule, assignment (automatic assignment) or system. */
    record ActorWire(String type, String id, String name) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record EntryWire(int id, String date, String field, String customFieldId, ValueWire oldValue, ValueWire newValue,
                     ActorWire actor, String channel) {
    }

    private record Names(Map<String, String> operators, Map<String, String> departments, Map<String, String> categories,
                         Map<String, String> statuses, Map<String, String> customFields) {
    }

    private final OperatorManagement operators;
    private final DepartmentManagement departments;
    private final TicketStatusManagement statuses;
    private final CustomFieldManagement customFields;

    TicketHistoryRendering(OperatorManagement operators, DepartmentManagement departments, TicketStatusManagement statuses,
                           CustomFieldManagement customFields) {
        this.operators = operators;
        this.departments = departments;
        this.statuses = statuses;
        this.customFields = customFields;
    }

    @Transactional(readOnly = true)
    List<EntryWire> render(String accountId, ZoneId zone, List<TicketHistoryEntry> entries) {
        var names = names(accountId, entries);
        return entries.stream().map(entry -> new EntryWire(entry.seq(), ApiDates.format(entry.occurredAt(), zone),
                entry.field().name().toLowerCase(Locale.ROOT), entry.fieldRef(),
                value(entry.field(), entry.oldValue(), names), value(entry.field(), entry.newValue(), names),
                new ActorWire(entry.actor().kind().name().toLowerCase(Locale.ROOT), entry.actor().id(), entry.actor().name()),
                entry.channel().name().toLowerCase(Locale.ROOT))).toList();
    }

    private Names names(String accountId, List<TicketHistoryEntry> entries) {
        Set<TicketField> fields = entries.stream().map(TicketHistoryEntry::field).collect(Collectors.toSet());
        Set<String> operatorIds = new HashSet<>();
        entries.stream().filter(entry -> entry.field() == TicketField.OPERATOR).forEach(entry -> {
            operatorIds.add(entry.oldValue());
            operatorIds.add(entry.newValue());
        });
        operatorIds.remove(null);
        return new Names(
                operatorIds.isEmpty() ? Map.of() : operators.findAll(accountId, operatorIds).values().stream()
                        .collect(Collectors.toMap(OperatorView::id, OperatorView::name)),
                fields.contains(TicketField.DEPARTMENT) ? departments.listDepartments(accountId).stream()
                        .collect(Collectors.toMap(DepartmentView::id, DepartmentView::name)) : Map.of(),
                fields.contains(TicketField.CATEGORY) ? departments.listAllCategories(accountId).stream()
                        .collect(Collectors.toMap(CategoryView::id, CategoryView::name)) : Map.of(),
                fields.contains(TicketField.STATUS) ? statuses.list(accountId).stream()
                        .collect(Collectors.toMap(TicketStatusView::id, TicketStatusView::name)) : Map.of(),
                fields.contains(TicketField.CUSTOM_FIELD) ? customFields.list(accountId).stream()
                        .collect(Collectors.toMap(CustomFieldView::id, CustomFieldView::label)) : Map.of());
    }

    private static ValueWire value(TicketField field, String value, Names names) {
        if (value == null) {
            return ValueWire.EMPTY;
        }
        return switch (field) {
            case OPENED, SITUATION -> {
                var situation = Situation.valueOf(value);
                yield new ValueWire(TicketWires.situationCode(situation), TicketRendering.situationDescription(situation));
            }
            case PRIORITY -> new ValueWire(TicketWires.priorityCode(Priority.valueOf(value)), null);
            case DEPARTMENT -> new ValueWire(value, names.departments().get(value));
            case OPERATOR -> new ValueWire(value, names.operators().get(value));
            case CATEGORY -> new ValueWire(value, names.categories().get(value));
            case STATUS -> new ValueWire(value, names.statuses().get(value));
            case EVALUATION -> new ValueWire(Integer.parseInt(value), null);
            case SUBJECT, TAG, CUSTOM_FIELD, CUSTOMER, PARENT, MERGED_INTO, MERGED_FROM -> new ValueWire(value, null);
        };
    }
}
