/**
 * Automations: the vocabulary of actions a rule or a macro applies to a ticket, the placeholders of their texts,
 * and macros, which an operator applies to a ticket in one step. Actions change tickets only through
 * {@link io.atende.ticket.TicketManagement}, so every rule of the ticket holds for them as for an operator.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "audit", "customer", "customfield", "department", "operator", "sla", "ticket", "account", "assignment", "webhook" })
package io.atende.automation;
