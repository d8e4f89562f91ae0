package io.atende.ticket;

public record TicketUpdated(String accountId, String ticketId) implements TicketEvent {

    @Override
    public String eventName() {
        return "ticket.updated";
    }
}
