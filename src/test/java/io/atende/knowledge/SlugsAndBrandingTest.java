package io.atende.knowledge;

import io.atende.platform.Branding;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlugsAndBrandingTest {

    @Test
    void slugsAreLowerCaseAsciiWithoutAccentsJoinedByHyphens() {
        assertThat(Slugs.of("  Emissão de 2ª via — Boleto!  ", "article")).isEqualTo("emissao-de-2a-via-boleto");
        assertThat(Slugs.of("Ça va? Ñandú", "article")).isEqualTo("ca-va-nandu");
        assertThat(Slugs.of("日本語", "article")).isEqualTo("article");
        assertThat(Slugs.of("word ".repeat(40), "article")).hasSizeLessThanOrEqualTo(80).doesNotEndWith("-").startsWith("word-word");
    }

    @Test
    void onlyWellFormedSlugsAreValid() {
        assertThat(Slugs.isValid("a-1-b")).isTrue();
        assertThat(Slugs.isValid("A-b")).isFalse();
        assertThat(Slugs.isValid("a--b")).isFalse();
        assertThat(Slugs.isValid("-a")).isFalse();
        assertThat(Slugs.isValid("a b")).isFalse();
        assertThat(Slugs.isValid("x".repeat(121))).isFalse();
    }

    @Test
    void derivedSummariesStopAtAWordBoundaryWithAnEllipsis() {
        assertThat(KnowledgeBase.derivedSummary("<p>Short <b>text</b></p>")).isEqualTo("Short text");
        String summary = KnowledgeBase.derivedSummary("<p>" + "abcdefghi ".repeat(40) + "</p>");
        assertThat(summary).hasSizeLessThanOrEqualTo(250).endsWith("abcdefghi\u2026");
        assertThat(KnowledgeBase.derivedSummary("x".repeat(300))).hasSize(250).endsWith("\u2026");
    }

    @Test
    void textOnTheAccentAndLinksStayReadable() {
        for (String accent : new String[] {"#ffffff", "#ffee00", "#00ff00", "#1d4ed8", "#000000", "#777777"}) {
            var brand = Branding.of(accent);
            assertThat(Branding.contrast(Branding.rgb(brand.link()), Branding.rgb("#ffffff"))).as(accent).isGreaterThanOrEqualTo(4.5);
            double onAccent = Branding.contrast(Branding.rgb(brand.onAccent()), Branding.rgb(accent));
            assertThat(onAccent).as(accent).isGreaterThanOrEqualTo(4.5);
        }
        assertThat(Branding.of("#ffee00").onAccent()).isEqualTo("#000000");
        assertThat(Branding.of("#1d4ed8").onAccent()).isEqualTo("#ffffff");
        assertThat(Branding.of(null).accent()).isEqualTo(Branding.DEFAULT_ACCENT);
    }

    @Test
    void searchWordsAreFoldedAndPrefixRangesCoverEveryLongerWord() {
        assertThat(SearchWords.of("Emissão DE boleto, emissão!")).containsExactly("emissao", "de", "boleto");
        byte[] from = SearchWords.bytes("bol");
        byte[] to = SearchWords.after(from);
        assertThat(java.util.Arrays.compareUnsigned(SearchWords.bytes("boleto"), from)).isPositive();
        assertThat(java.util.Arrays.compareUnsigned(SearchWords.bytes("boleto"), to)).isNegative();
        assertThat(java.util.Arrays.compareUnsigned(SearchWords.bytes("bom"), to)).isGreaterThanOrEqualTo(0);
    }
}
