/**
 * Live updates for operators: a short-lived event log written after the commit of ticket and chat changes (and
 * by operators announcing that they view or reply to a ticket), and each node's live subscriptions to it, filtered
 * to what each operator may see. {@link io.atende.live.LiveEventStreams} is the front door for the faces that
 * stream it, {@link io.atende.live.TicketPresence} for announcing presence.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "ticket", "chat", "customer" })
package io.atende.live;
