package io.atende.platform;

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
}
