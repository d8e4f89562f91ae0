/**
 * The customer portal under {@code /portal} and the website chat widget: sign-in and the security
 * chain, invitation, password and registration pages, the customer's tickets and chats, the
 * widget's endpoints and streams. Who may sign in, the links and the widget's chat tokens belong
 * to {@code customeraccess}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "account", "attachment", "chat", "customer", "customeraccess", "customfield", "department", "knowledge", "mail", "operator", "ticket" })
package io.atende.portal;
