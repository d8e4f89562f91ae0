package io.atende.ticket;

public record TicketStatusOpened(String accountId, String ticketId, String statusId) implements TicketEvent {

    @Override
    public String eventName() {
        return "ticket.status_opened";
    }
}
