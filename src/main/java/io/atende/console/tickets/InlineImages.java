package io.atende.console.tickets;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.atende.platform.Html;
import io.atende.ticket.TicketMessageView;

/**
 * Images pasted into a reply travel as the reply's attachments, and its HTML names each by its file name as a
 * {@code cid:} address (as an e-mail names the parts it shows inline). The console shows them by pointing those
 * addresses at the attachments' downloads; an address naming no file of the message stays as it is.
 */
final class InlineImages {

    private InlineImages() {
    }

    /** The bodies, by message id, of the HTML messages that show pasted images, with their images' addresses resolved. */
    static Map<String, String> bodies(List<TicketMessageView> messages, String contextPath) {
        Map<String, String> bodies = new HashMap<>();
        for (var message : messages) {
            if (message.html() && message.body().contains("cid:") && !message.attachments().isEmpty()) {
                Map<String, String> byName = new HashMap<>();
                message.attachments().forEach(file -> byName.putIfAbsent(file.name(), file.id()));
                bodies.put(message.id(), Html.withInlineImages(message.body(),
                        name -> byName.containsKey(name) ? contextPath + "/console/tickets/attachments/" + byName.get(name) : null));
            }
        }
        return bodies;
    }
}
