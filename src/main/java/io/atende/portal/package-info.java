/**
 * The customer portal under {@code /portal} and the website chat widget: customer sign-in,
 * invitations and password resets, the customer's tickets and chats. Other modules learn of
 * invitations and resets through the events in this package (the e-mail channel sends them).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "account", "attachment", "chat", "customer", "customfield", "department", "knowledge", "operator", "ticket" })
package io.atende.portal;
