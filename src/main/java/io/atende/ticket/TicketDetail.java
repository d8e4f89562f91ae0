package io.atende.ticket;

import java.util.List;

import io.atende.customfield.CustomFieldValue;

/** Everything /ticket/detail shows: the ticket, its messages in order, status history, fields, time, tags, children. */
public record TicketDetail(TicketView ticket, List<TicketMessageView> messages, List<TicketStatusPeriod> statuses,
                           List<CustomFieldValue> openingFields, List<CustomFieldValue> finishFields,
                           List<StopwatchEntry> stopwatch, List<String> tags, List<TicketView> children) {
}
