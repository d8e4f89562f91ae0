package io.atende.customer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SearchTermsTest {

    @Test
    void foldsCaseAndAccents() {
        assertThat(SearchTerms.fold("  João Ñandú ÇÃO ")).isEqualTo("joao nandu cao");
        assertThat(SearchTerms.fold(null)).isNull();
    }

    @Test
    void findsACustomerByNameWordsEmailDomainAndInternalId() {
        assertThat(SearchTerms.of("Maria da Silva-Souza", "Maria@Acme.com.br", "CRM-1"))
                .containsExactly("maria da silva-souza", "maria", "da", "silva", "souza", "maria@acme.com.br", "acme.com.br", "crm-1");
    }

    @Test
    void leavesOutWhatIsMissingAndRepeatsNothing() {
        assertThat(SearchTerms.of("Ana Ana", null, "ana")).containsExactly("ana ana", "ana");
    }

    @Test
    void cutsTermsAtTheLongestLengthWithoutSplittingACharacter() {
        String name = "a".repeat(249) + "😀" + "b";
        String folded = SearchTerms.fold(name);

        assertThat(folded.codePointCount(0, folded.length())).isEqualTo(SearchTerms.MAX_TERM_LENGTH);
        assertThat(folded).endsWith("😀");
    }

    @Test
    void theUpperBoundIsTheFirstByteStringAfterEveryExtensionOfThePrefix() {
        byte[] prefix = SearchTerms.bytes("jo");
        byte[] bound = SearchTerms.upperBound(prefix);

        assertThat(new String(bound, StandardCharsets.UTF_8)).isEqualTo("jp");
        for (String term : new String[] {"jo", "joao", "jo\uFFFF", "jo😀"}) {
            byte[] bytes = SearchTerms.bytes(term);
            assertThat(Arrays.compareUnsigned(bytes, prefix)).as(term).isGreaterThanOrEqualTo(0);
            assertThat(Arrays.compareUnsigned(bytes, bound)).as(term).isLessThan(0);
        }
        assertThat(Arrays.compareUnsigned(SearchTerms.bytes("jp"), bound)).isGreaterThanOrEqualTo(0);
    }

    @Test
    void raisingAContinuationByteStillBoundsMultiByteCharacters() {
        byte[] prefix = SearchTerms.bytes("ж");
        byte[] bound = SearchTerms.upperBound(prefix);

        assertThat(Arrays.compareUnsigned(SearchTerms.bytes("жук"), bound)).isLessThan(0);
        assertThat(Arrays.compareUnsigned(SearchTerms.bytes("з"), bound)).isGreaterThanOrEqualTo(0);
    }
}
