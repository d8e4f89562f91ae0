/**
 * The operator console under {@code /console}: server-rendered pages (Thymeleaf and htmx) on the
 * other modules' front doors, never on {@code api.v2}. The root package holds what every console
 * page shares (the signed-in operator, sign-in and the security chain, the layout's model);
 * sub-packages hold the console's areas.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "account", "attachment", "audit", "automation", "chat", "customer", "customeraccess", "customfield", "department", "importing", "knowledge", "mail", "live", "operator", "report", "retention", "sla", "sso", "ticket", "webhook" })
package io.atende.console;
