package io.atende.customer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerLanguageTest {

    @Test
    void readsEveryUsualSpellingOfTheThreeLanguages() {
        for (String text : new String[] {"pt-BR", "pt_BR", "PT-br", "pt", " pt "}) {
            assertThat(CustomerLanguage.fromText(text)).as(text).contains(CustomerLanguage.PT_BR);
        }
        for (String text : new String[] {"es_ES", "es-ES", "es", "ES"}) {
            assertThat(CustomerLanguage.fromText(text)).as(text).contains(CustomerLanguage.ES_ES);
        }
        for (String text : new String[] {"en-US", "en_US", "en", "EN-us"}) {
            assertThat(CustomerLanguage.fromText(text)).as(text).contains(CustomerLanguage.EN_US);
        }
    }

    @Test
    void refusesAnythingElse() {
        for (String text : new String[] {"pt-PT", "es-MX", "en-GB", "fr", "", "ptBR", "pt--BR"}) {
            assertThat(CustomerLanguage.fromText(text)).as(text).isEmpty();
        }
        assertThat(CustomerLanguage.fromText(null)).isEmpty();
    }
}
