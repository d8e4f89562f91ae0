package io.atende.ticket;

public record TicketOperatorLinked(String accountId, String ticketId, String operatorId) implements TicketEvent {

    @Override
    public String eventName() {
        return "ticket.operator_linked";
    }
}
