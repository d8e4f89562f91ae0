package io.atende.ticket;

public record TicketReopened(String accountId, String ticketId) implements TicketEvent {

    @Override
    public String eventName() {
        return "ticket.reopened";
    }
}
