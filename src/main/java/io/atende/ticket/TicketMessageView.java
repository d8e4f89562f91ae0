package io.atende.ticket;

import java.time.Instant;
import java.util.List;

import io.atende.attachment.AttachmentView;

/** One message of a ticket, in the ticket's total order ({@code position}, the opening message is 0). */
public record TicketMessageView(String id, int position, MessageKind kind, String operatorId, String body, boolean html,
                                Instant createdAt, List<AttachmentView> attachments) {
}
