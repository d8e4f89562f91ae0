package io.atende.ticket;

public record TicketReplied(String accountId, String ticketId, String messageId, boolean byOperator) implements TicketEvent {

    @Override
    public String eventName() {
        return "ticket.replied";
    }
}
