package io.atende.sla;

/** What an SLA alert says of a target: its warning share of the budget is counted, or its deadline passed unmet. */
public enum SlaAlert {
    WARNING("ticket.sla_warning"),
    BREACH("ticket.sla_breached");

    private final String eventName;

    SlaAlert(String eventName) {
        this.eventName = eventName;
    }

    public String eventName() {
        return eventName;
    }
}
