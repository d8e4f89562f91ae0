package io.atende.platform;

import java.util.function.Function;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Entities;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Untrusted HTML (ticket and chat messages, knowledge-base articles) made safe with jsoup's
 * allow-list cleaner: formatting tags survive; scripts, styles, event handlers and
 * {@code javascript:} links do not.
 */
public final class Html {

    private static final Safelist FORMATTING = Safelist.relaxed()
            .addTags("hr", "s", "del", "ins", "mark")
            .addAttributes("a", "title")
            .addAttributes("td", "colspan", "rowspan")
            .addAttributes("th", "colspan", "rowspan", "scope")
            .addProtocols("img", "src", "http", "https", "cid", "data")
            .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer");
    private static final Document.OutputSettings COMPACT = new Document.OutputSettings().prettyPrint(false);

    private Html() {
    }

    /** Whether the text contains markup at all (docs/api.md, Requests: then its mimetype is {@code text/html}). */
    public static boolean hasMarkup(String text) {
        if (text == null || text.indexOf('<') < 0) {
            return false;
        }
        return !Jsoup.parseBodyFragment(text).body().children().isEmpty();
    }

    /** The HTML with everything outside the formatting allow-list removed. */
    public static String sanitize(String html) {
        if (html == null) {
            return null;
        }
        var dirty = Jsoup.parseBodyFragment(html);
        var clean = new Cleaner(FORMATTING).clean(dirty);
        clean.outputSettings(COMPACT);
        return clean.body().html();
    }

    /** The text a person reads, without tags, with whitespace collapsed (summaries, search). */
    public static String toPlainText(String html) {
        if (html == null) {
            return null;
        }
        return Jsoup.parseBodyFragment(html).text();
    }

    /** Plain text made safe to place in HTML, as text or as an attribute's value: its markup characters become entities. */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        return Entities.escape(text);
    }

    /**
     * The HTML with each image whose address is {@code cid:<name>} (an image pasted into a reply, sent as one of its
     * files) pointed at the address {@code addressOf} gives for the name; a name it answers {@code null} for stays.
     */
    public static String withInlineImages(String html, Function<String, String> addressOf) {
        if (html == null || !html.contains("cid:")) {
            return html;
        }
        var document = Jsoup.parseBodyFragment(html);
        document.outputSettings(COMPACT);
        for (var image : document.select("img[src^=cid:]")) {
            String address = addressOf.apply(image.attr("src").substring("cid:".length()));
            if (address != null) {
                image.attr("src", address);
            }
        }
        return document.body().html();
    }

    /**
     * The HTML with each image whose address is {@code cid:<name>} turned into a link to the address {@code addressOf}
     * gives for the name, its text the image's alt text or name: for copies of a message that do not carry its files
     * (e-mail notifications), where the image would show broken. A name it answers {@code null} for stays.
     */
    public static String withInlineImagesAsLinks(String html, Function<String, String> addressOf) {
        if (html == null || !html.contains("cid:")) {
            return html;
        }
        var document = Jsoup.parseBodyFragment(html);
        document.outputSettings(COMPACT);
        for (var image : document.select("img[src^=cid:]")) {
            String name = image.attr("src").substring("cid:".length());
            String address = addressOf.apply(name);
            if (address != null) {
                String text = image.attr("alt").isBlank() ? name : image.attr("alt");
                var link = document.createElement("a").attr("href", address).attr("rel", "nofollow noopener noreferrer").text("[" + text + "]");
                image.replaceWith(link);
            }
        }
        return document.body().html();
    }
}
