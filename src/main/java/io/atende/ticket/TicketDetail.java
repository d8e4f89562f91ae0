package io.atende.ticket;

import java.util.List;

import io.atende.customfield.CustomFieldValue;
import io.atende.department.DepartmentVisibility;

/** Everything /ticket/detail shows: the ticket, its messages in order, status history, fields, time, tags, children. */
public record TicketDetail(TicketView ticket, List<TicketMessageView> messages, List<TicketStatusPeriod> statuses,
                           List<CustomFieldValue> openingFields, List<CustomFieldValue> finishFields,
                           List<StopwatchEntry> stopwatch, List<String> tags, List<TicketView> children) {

    /** The same detail with only the children (staggered tickets) of the departments this visibility sees. */
    public TicketDetail visibleTo(DepartmentVisibility visibility) {
        if (visibility.all()) {
            return this;
        }
        return new TicketDetail(ticket, messages, statuses, openingFields, finishFields, stopwatch, tags,
                children.stream().filter(child -> visibility.sees(child.departmentId())).toList());
    }
}
