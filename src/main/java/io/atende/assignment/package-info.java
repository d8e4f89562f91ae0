/**
 * Automatic assignment: gives the new tickets of a department that assigns automatically (round robin or least
 * open, under a cap per operator) to its operators online, from committed events and a worker on every node, and
 * keeps those nobody could take waiting until someone can. {@link io.atende.assignment.AutomaticAssignment} is the
 * front door, which rules call to assign one ticket.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "department", "operator", "ticket" })
package io.atende.assignment;
