package io.atende.ticket;

/** A ticket was opened, through {@code channel}. */
public record TicketCreated(String accountId, String ticketId, long protocol, TicketChannel channel) implements TicketEvent {

    public TicketCreated(String accountId, String ticketId, long protocol) {
        this(accountId, ticketId, protocol, TicketChannel.OTHER);
    }

    @Override
    public String eventName() {
        return "ticket.created";
    }
}
