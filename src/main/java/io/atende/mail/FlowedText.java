package io.atende.mail;

import java.util.ArrayList;
import java.util.List;

/**
 * Plain text sent as {@code format=flowed} (RFC 3676) put back as its author wrote it: a line that ends in a space
 * was wrapped by the sender's client and goes on in the next line of the same quote depth; other lines end a
 * paragraph. Space-stuffing is removed, and with {@code DelSp=yes} the space that marked the wrap goes too.
 */
final class FlowedText {

    private FlowedText() {
    }

    static String unwrap(String text, boolean delSp) {
        List<String> out = new ArrayList<>();
        StringBuilder paragraph = null;
        int paragraphDepth = 0;
        for (String raw : text.replace("\r\n", "\n").split("\n", -1)) {
            int depth = 0;
            while (depth < raw.length() && raw.charAt(depth) == '>') {
                depth++;
            }
            String line = raw.substring(depth);
            if (line.startsWith(" ")) {
                line = line.substring(1);  // space-stuffed, or the space after the quote marks
            }
            boolean signature = line.equals("-- ");
            boolean soft = !signature && line.endsWith(" ");
            if (soft && delSp) {
                line = line.substring(0, line.length() - 1);
            }
            if (paragraph != null && depth == paragraphDepth && !signature) {
                paragraph.append(line);
            } else {
                if (paragraph != null) {
                    out.add(quoted(paragraphDepth, paragraph.toString()));
                }
                paragraph = new StringBuilder(line);
                paragraphDepth = depth;
            }
            if (!soft) {
                out.add(quoted(paragraphDepth, paragraph.toString()));
                paragraph = null;
            }
        }
        if (paragraph != null) {
            out.add(quoted(paragraphDepth, paragraph.toString()));
        }
        return String.join("\n", out);
    }

    private static String quoted(int depth, String line) {
        return depth == 0 ? line : ">".repeat(depth) + (line.isEmpty() ? "" : " ") + line;
    }
}
