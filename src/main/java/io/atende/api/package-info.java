/**
 * The HTTP APIs. {@code api.v2} is TomTicket's REST API v2.0 as Atende serves it: the only code
 * that knows its paths, parameter names, envelope, codes and message texts. It calls the other
 * modules' front doors and nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "account", "attachment", "audit", "automation", "chat", "customer", "customeraccess", "customfield", "department", "importing", "knowledge", "mail", "operator", "report", "retention", "sla", "ticket", "webhook" })
package io.atende.api;
