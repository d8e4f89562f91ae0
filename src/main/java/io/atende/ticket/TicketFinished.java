package io.atende.ticket;

/** The operator finished the ticket, through {@code channel}. */
public record TicketFinished(String accountId, String ticketId, TicketChannel channel) implements TicketEvent {

    public TicketFinished(String accountId, String ticketId) {
        this(accountId, ticketId, TicketChannel.OTHER);
    }

    @Override
    public String eventName() {
        return "ticket.finished";
    }
}
