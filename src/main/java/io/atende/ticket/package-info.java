/**
 * Tickets: opening, the conversation between operators and customers, custom statuses, finishing,
 * evaluation, the list and search, and the tallies the queues count from.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "attachment", "audit", "customer", "customfield", "department", "operator", "webhook" })
package io.atende.ticket;
