package io.atende.console.tickets;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.atende.ticket.TicketMessageView;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Images pasted into a reply travel as the reply's attachments, and its HTML names each by its file name as a
 * {@code cid:} address (as an e-mail names the parts it shows inline). The console shows them by pointing those
 * addresses at the attachments' downloads; an address naming no file of the message stays as it is.
 */
final class InlineImages {

    static final String SCHEME = "cid:";
    private static final Document.OutputSettings COMPACT = new Document.OutputSettings().prettyPrint(false);

    private InlineImages() {
    }

    /** The bodies, by message id, of the HTML messages that show pasted images, with their images' addresses resolved. */
    static Map<String, String> bodies(List<TicketMessageView> messages, String contextPath) {
        Map<String, String> bodies = new HashMap<>();
        for (var message : messages) {
            if (message.html() && message.body().contains(SCHEME) && !message.attachments().isEmpty()) {
                bodies.put(message.id(), resolve(message, contextPath));
            }
        }
        return bodies;
    }

    private static String resolve(TicketMessageView message, String contextPath) {
        Map<String, String> byName = new HashMap<>();
        message.attachments().forEach(file -> byName.putIfAbsent(file.name(), file.id()));
        var document = Jsoup.parseBodyFragment(message.body());
        document.outputSettings(COMPACT);
        for (var image : document.select("img[src^=" + SCHEME + "]")) {
            String id = byName.get(image.attr("src").substring(SCHEME.length()));
            if (id != null) {
                image.attr("src", contextPath + "/console/tickets/attachments/" + id);
            }
        }
        return document.body().html();
    }
}
