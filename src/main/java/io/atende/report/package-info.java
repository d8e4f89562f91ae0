/**
 * Reports: what managers measure of tickets, operators and chats over a period. The module keeps its own facts of
 * each ticket, recomputed in the transaction of every change of the ticket, and reads chats through the chat module;
 * a report is a grouped read of the period's facts.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "account", "chat", "department",
        "operator", "sla", "ticket" })
package io.atende.report;
