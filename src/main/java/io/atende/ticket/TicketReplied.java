package io.atende.ticket;

/** A message from the operator ({@code byOperator}) or the customer was added, through {@code channel}. */
public record TicketReplied(String accountId, String ticketId, String messageId, boolean byOperator, TicketChannel channel)
        implements TicketEvent {

    public TicketReplied(String accountId, String ticketId, String messageId, boolean byOperator) {
        this(accountId, ticketId, messageId, byOperator, TicketChannel.OTHER);
    }

    @Override
    public String eventName() {
        return "ticket.replied";
    }
}
