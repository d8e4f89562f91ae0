package io.atende.ticket;

/** How the text of a new ticket message is to be read. */
public enum BodyFormat {

    /** HTML when it contains markup, else plain text: the rule of the API, the console and the portal. */
    DETECTED,

    /**
     * Plain text exactly as written, never read as markup: text that came as {@code text/plain} (an e-mail), where
     * {@code Name <address>} is an address and not a tag.
     */
    PLAIN_TEXT;

    boolean isHtml(String text) {
        return this == DETECTED && io.atende.platform.Html.hasMarkup(text);
    }
}
