package io.atende.ticket;

public record TicketTransferred(String accountId, String ticketId, String departmentId, String operatorId) implements TicketEvent {

    @Override
    public String eventName() {
        return "ticket.transferred";
    }
}
