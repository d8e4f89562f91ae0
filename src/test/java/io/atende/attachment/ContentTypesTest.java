package io.atende.attachment;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContentTypesTest {

    private static String sniff(byte[] bytes, String name) {
        return ContentTypes.sniff(bytes, Math.min(bytes.length, ContentTypes.HEAD), name);
    }

    @Test
    void recognizesCommonFormatsByTheirMagicNumbers() {
        assertThat(sniff(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, "x.txt")).isEqualTo("image/png");
        assertThat(sniff(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}, "x")).isEqualTo("image/jpeg");
        assertThat(sniff("GIF89a".getBytes(StandardCharsets.US_ASCII), "x")).isEqualTo("image/gif");
        assertThat(sniff("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), "x.png")).isEqualTo("application/pdf");
        assertThat(sniff("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII), "x")).isEqualTo("image/webp");
        assertThat(sniff(new byte[] {0x1F, (byte) 0x8B, 8}, "x")).isEqualTo("application/gzip");
    }

    @Test
    void namesOfficeDocumentsOnlyWhenTheBytesAreAZip() {
        byte[] zip = {'P', 'K', 3, 4, 20, 0};
        assertThat(sniff(zip, "relatorio.docx")).isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(sniff(zip, "dados.zip")).isEqualTo("application/zip");
        assertThat(sniff("not a zip".getBytes(StandardCharsets.US_ASCII), "fake.docx")).isEqualTo("text/plain");
    }

    @Test
    void tellsTextFromBinary() {
        assertThat(sniff("Olá, mundo\n".getBytes(StandardCharsets.UTF_8), "a.exe")).isEqualTo("text/plain");
        assertThat(sniff(new byte[] {0, 1, 2, 3}, "a.txt")).isEqualTo("application/octet-stream");
        assertThat(sniff(new byte[0], "a.txt")).isEqualTo("application/octet-stream");
        // A multi-byte character cut by the end of the sniffed head is still text.
        byte[] cut = "aaaaaaaaaaaaaaaé".getBytes(StandardCharsets.UTF_8);
        assertThat(ContentTypes.sniff(cut, ContentTypes.HEAD, "a")).isEqualTo("text/plain");
    }
}
