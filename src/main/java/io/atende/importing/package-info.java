/**
 * Importing an account's data from a help desk that speaks TomTicket's API v2.0 (TomTicket itself, or another Atende):
 * the import jobs, their progress per kind and failures, the worker that runs them on whichever node holds a job's
 * lease, and the client that reads the source politely (its rate, 429 and Retry-After). Objects are written through
 * the owning modules' import doors ({@code CustomerImports}, {@code DepartmentImports}, {@code OperatorImports},
 * {@code CustomFieldImports}, {@code TicketImports}, {@code ChatImports}), which keep ids and protocols and publish no
 * events.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "audit", "chat", "customer", "customfield", "department", "operator", "ticket" })
package io.atende.importing;
