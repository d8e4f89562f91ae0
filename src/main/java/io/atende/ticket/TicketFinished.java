package io.atende.ticket;

public record TicketFinished(String accountId, String ticketId) implements TicketEvent {

    @Override
    public String eventName() {
        return "ticket.finished";
    }
}
