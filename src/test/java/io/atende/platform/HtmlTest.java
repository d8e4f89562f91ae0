package io.atende.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTest {

    @Test
    void keepsFormatting() {
        String html = "<p>Olá <b>Maria</b>, veja <a href=\"https://example.com/doc\">o manual</a>:</p><ul><li>um</li></ul>";

        String clean = Html.sanitize(html);

        assertThat(clean).contains("<b>Maria</b>", "<li>um</li>", "href=\"https://example.com/doc\"", "rel=\"nofollow noopener noreferrer\"");
    }

    @Test
    void removesScriptsStylesHandlersAndJavascriptLinks() {
        String html = "<p onclick=\"steal()\">Oi</p><script>alert(1)</script><style>body{}</style>"
                + "<img src=\"x\" onerror=\"alert(2)\"><a href=\"javascript:alert(3)\">link</a><iframe src=\"https://evil\"></iframe>";

        String clean = Html.sanitize(html);

        assertThat(clean).doesNotContainIgnoringCase("script").doesNotContain("onclick", "onerror", "javascript:", "iframe", "style")
                .contains("<p>Oi</p>", "link");
    }

    @Test
    void tellsMarkupFromPlainText() {
        assertThat(Html.hasMarkup("<p>oi</p>")).isTrue();
        assertThat(Html.hasMarkup("Tudo certo? 3 < 4 e 5 > 2")).isFalse();
        assertThat(Html.hasMarkup("linha 1\nlinha 2")).isFalse();
        assertThat(Html.hasMarkup(null)).isFalse();
    }

    @Test
    void givesThePlainTextOfHtml() {
        assertThat(Html.toPlainText("<p>Olá <b>Maria</b></p>\n<p>tudo   bem?</p>")).isEqualTo("Olá Maria tudo bem?");
    }
}
