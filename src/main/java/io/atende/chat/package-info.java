/**
 * Live chats: queue, acceptance, messages, finishing and evaluation, with the per-chat event log that live
 * streams read.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "attachment", "customer", "department", "operator", "ticket", "webhook" })
package io.atende.chat;
