/**
 * Service levels: business-hour calendars with exact business-time arithmetic, and the policies that promise a ticket
 * its first reply, next reply and resolution within so much business time, the first active one in position order
 * whose conditions match applying; and each ticket's clocks against those promises, kept from the ticket's events.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "audit", "customer", "department", "ticket" })
package io.atende.sla;
