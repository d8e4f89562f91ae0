package io.atende.ticket;

public record TicketEvaluated(String accountId, String ticketId, int grade) implements TicketEvent {

    @Override
    public String eventName() {
        return "ticket.evaluated";
    }
}
