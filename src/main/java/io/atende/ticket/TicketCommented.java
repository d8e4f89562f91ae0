package io.atende.ticket;

public record TicketCommented(String accountId, String ticketId, String messageId) implements TicketEvent {

    @Override
    public String eventName() {
        return "ticket.commented";
    }
}
