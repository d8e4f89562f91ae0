/**
 * The e-mail channel: notifications sent over SMTP through a database outbox, department
 * mailboxes read over IMAP into tickets and replies, threading of replies, loop protection.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "account", "attachment", "automation", "customer", "customeraccess", "department", "operator", "sla", "ticket" })
package io.atende.mail;
