package io.atende.attachment;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;

/**
 * Tells a file's type from its first bytes (magic numbers), never from what the sender claimed:
 * a declared type is only a label an attacker chooses. Unknown binary content is
 * {@code application/octet-stream}; valid UTF-8 without control bytes is {@code text/plain}.
 */
final class ContentTypes {

    static final int HEAD = 16;

    private ContentTypes() {
    }

    static String sniff(byte[] head, int length, String fileName) {
        byte[] b = Arrays.copyOf(head, length);
        if (starts(b, 0x89, 'P', 'N', 'G')) {
            return "image/png";
        }
        if (starts(b, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (starts(b, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (starts(b, '%', 'P', 'D', 'F', '-')) {
            return "application/pdf";
        }
        if (starts(b, 'R', 'I', 'F', 'F') && b.length >= 12 && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return "image/webp";
        }
        if (starts(b, 'P', 'K', 3, 4)) {
            return zipFamily(fileName);
        }
        if (starts(b, 0x1F, 0x8B)) {
            return "application/gzip";
        }
        if (starts(b, 0xD0, 0xCF, 0x11, 0xE0)) {
            return "application/x-ole-storage";
        }
        if (length == 0) {
            return "application/octet-stream";
        }
        return looksLikeText(b) ? "text/plain" : "application/octet-stream";
    }

    // Office documents are zip files; their extension is trusted only to name which zip, never to make a zip into something else.
    private static String zipFamily(String fileName) {
        String lower = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".docx")) {
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        }
        if (lower.endsWith(".xlsx")) {
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        }
        if (lower.endsWith(".pptx")) {
            return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
        }
        return "application/zip";
    }

    private static boolean looksLikeText(byte[] b) {
        for (byte value : b) {
            int unsigned = value & 0xFF;
            if (unsigned < 0x09 || unsigned > 0x0D && unsigned < 0x20 && unsigned != 0x1B) {
                return false;
            }
        }
        // The head may end inside a multi-byte character: decode leniently at the end.
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int end = b.length;
        for (int cut = 0; cut < 4 && end > 0; cut++, end--) {
            try {
                decoder.reset().decode(ByteBuffer.wrap(b, 0, end));
                return true;
            } catch (CharacterCodingException notYet) {
                // try one byte shorter
            }
        }
        return false;
    }

    private static boolean starts(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
