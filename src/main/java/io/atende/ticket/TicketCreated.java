package io.atende.ticket;

public record TicketCreated(String accountId, String ticketId, long protocol) implements TicketEvent {

    @Override
    public String eventName() {
        return "ticket.created";
    }
}
