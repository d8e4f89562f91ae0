package io.atende.ticket;

public record TicketStatusClosed(String accountId, String ticketId, String statusId) implements TicketEvent {

    @Override
    public String eventName() {
        return "ticket.status_closed";
    }
}
