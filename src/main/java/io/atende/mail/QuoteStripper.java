package io.atende.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Cuts what a reply repeats (the quoted history) and the signature, so that a ticket keeps only
 * what the customer wrote this time. Works on the plain-text body, and on the HTML body through
 * the containers mail clients wrap quotes in.
 */
final class QuoteStripper {

    /** Lines where quoted history starts, in the words of the common clients in English, Portuguese and Spanish. */
    private static final List<Pattern> HISTORY = List.of(
            Pattern.compile("^\\s*(On|Em|El|Le|Am)\\s.{0,200}(wrote|escreveu|escribió|a écrit|schrieb)\\s*:?\\s*$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*-{2,}\\s*(Original Message|Mensagem original|Mensaje original|Forwarded message|Mensagem encaminhada|Mensaje reenviado)\\s*-{2,}\\s*$",
                    Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*_{20,}\\s*$"),
            Pattern.compile("^\\s*(From|De|Von)\\s*:\\s*.+$", Pattern.CASE_INSENSITIVE),
            Pattern.compile("^\\s*>"));
    /** Apple Mail puts the attribution inside the quote ("> On 26 Nov 2026, at 10:00, Acme <…> wrote:"): history starts there. */
    private static final Pattern QUOTED_ATTRIBUTION = Pattern.compile(
            "^\\s*>[\\s>]*(On|Em|El|Le|Am)\\s.{0,200}(wrote|escreveu|escribió|a écrit|schrieb)\\s*:?\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern WROTE_TAIL = Pattern.compile(".*(wrote|escreveu|escribió)\\s*:\\s*$", Pattern.CASE_INSENSITIVE);
    private static final List<Pattern> SIGNATURE = List.of(
            Pattern.compile("^--\\s?$"),
            Pattern.compile("^\\s*(Sent from my|Enviado do meu|Enviado desde mi|Enviado de meu|Get Outlook for|Obter o Outlook para|Obtener Outlook para)\\b.*$",
                    Pattern.CASE_INSENSITIVE));
    /** The lines that follow "From:" in Outlook's header block; Portuguese says "Enviada em:", Spanish "Enviado el:". */
    private static final Pattern HEADER_LINE = Pattern.compile(
            "^\\s*(Sent|Enviado|Enviada|Enviada em|Enviado em|Enviado el|To|Para|Subject|Assunto|Asunto|Date|Data|Fecha|Cc)\\s*:.*$",
            Pattern.CASE_INSENSITIVE);

    private QuoteStripper() {
    }

    /** The reply without the history it quotes and without its signature. */
    static String replyText(String text) {
        List<String> lines = lines(text);
        int cut = lines.size();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (startsHistory(lines, i)) {
                cut = i;
                break;
            }
            // Gmail wraps a long "On … wrote:" line in two.
            if (i + 1 < lines.size() && line.matches("(?i)^\\s*(On|Em|El)\\s.*") && WROTE_TAIL.matcher(lines.get(i + 1)).matches()) {
                cut = i;
                break;
            }
        }
        String reply = signatureless(lines.subList(0, cut));
        if (reply.isBlank() && cut < lines.size()) {
            // Bottom-posting: the answer follows the quote. Keep what is not quoted and not an attribution line.
            List<String> own = new ArrayList<>();
            for (int i = cut; i < lines.size(); i++) {
                String line = lines.get(i);
                if (!line.stripLeading().startsWith(">") && !HISTORY.get(0).matcher(line).matches()) {
                    own.add(line);
                }
            }
            reply = signatureless(own);
        }
        return reply;
    }

    /** A new message keeps everything it says (a forwarded message included), without the signature. */
    static String newText(String text) {
        return signatureless(lines(text));
    }

    /** The HTML reply without the containers that hold quoted history and signatures. */
    static String replyHtml(String html) {
        Document document = Jsoup.parse(html);
        document.select("blockquote[type=cite], div.gmail_quote, div.gmail_extra, div.gmail_signature, div.moz-cite-prefix, "
                + "div.yahoo_quoted, div#appendonsend, div#divRplyFwdMsg, div.OutlookMessageHeader, div#mail-editor-reference-message-container, "
                + "div.protonmail_quote, div[data-marker=__QUOTED_TEXT__], div[data-marker=__SIG_PRE__], div#Signature").forEach(element -> {
                    removeFollowingIfOutlook(element);
                    element.remove();
                });
        document.select("blockquote").remove();
        return document.body().html();
    }

    /** The HTML of a new message without its signature block. */
    static String newHtml(String html) {
        Document document = Jsoup.parse(html);
        document.select("div.gmail_signature, div[data-marker=__SIG_PRE__], div#Signature").remove();
        return document.body().html();
    }

    private static void removeFollowingIfOutlook(Element element) {
        // Outlook puts the quoted message after a separator, as siblings rather than inside it.
        if (element.id().equals("appendonsend") || element.id().equals("divRplyFwdMsg")) {
            Element next = element.nextElementSibling();
            while (next != null) {
                Element after = next.nextElementSibling();
                next.remove();
                next = after;
            }
        }
    }

    private static boolean startsHistory(List<String> lines, int i) {
        String line = lines.get(i);
        if (QUOTED_ATTRIBUTION.matcher(line).matches()) {
            return true;
        }
        for (int p = 0; p < HISTORY.size(); p++) {
            if (!HISTORY.get(p).matcher(line).matches()) {
                continue;
            }
            if (p == 3) {
                // "From:" starts history only as the first of a block of header lines (Outlook), not in a sentence.
                return i + 1 < lines.size() && HEADER_LINE.matcher(lines.get(i + 1)).matches();
            }
            if (p == 4) {
                // A quote starts history when nothing but quotes and blank lines follow (bottom-posted answers stay).
                return lines.subList(i, lines.size()).stream().allMatch(rest -> rest.isBlank() || rest.stripLeading().startsWith(">"));
            }
            return true;
        }
        return false;
    }

    private static String signatureless(List<String> lines) {
        int end = lines.size();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (SIGNATURE.get(0).matcher(line).matches() || SIGNATURE.get(1).matcher(line).matches()) {
                end = i;
                break;
            }
        }
        List<String> kept = new ArrayList<>(lines.subList(0, end));
        while (!kept.isEmpty() && kept.get(kept.size() - 1).isBlank()) {
            kept.remove(kept.size() - 1);
        }
        while (!kept.isEmpty() && kept.get(0).isBlank()) {
            kept.remove(0);
        }
        return String.join("\n", kept);
    }

    private static List<String> lines(String text) {
        return new ArrayList<>(List.of(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)));
    }
}
