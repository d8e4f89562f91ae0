/**
 * Customers' access to the portal and the chat widget: portal accounts of customers (passwords,
 * sign-in, the organization-manager flag), invitations and password-reset links with their
 * hashed secrets and the events that announce them (the e-mail channel sends them), the
 * account's portal settings, the widget's identity-verification secret and the widget's chat
 * tokens. The faces ({@code portal}, {@code console}) and {@code mail} use it; it knows no web.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "audit", "chat", "customer", "department", "ticket" })
package io.atende.customeraccess;
