package io.atende.ticket;

public record TicketCancelled(String accountId, String ticketId) implements TicketEvent {

    @Override
    public String eventName() {
        return "ticket.cancelled";
    }
}
