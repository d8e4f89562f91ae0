package io.atende.api.v2;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every message exists in English, Portuguese and Spanish, and each text is a valid MessageFormat pattern. */
class MessageBundlesTest {

    private static final List<String> LANGUAGES = List.of("", "_pt_BR", "_es");

    /** Every bundle the server loads, as configured, so that a new bundle is checked too. */
    static List<String> basenames() throws IOException {
        var settings = load("application.properties");
        return List.of(settings.getProperty("spring.messages.basename").split(","));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("basenames")
    void everyKeyIsTranslatedIntoEachLanguage(String basename) throws IOException {
        var english = load(basename + ".properties");

        for (String language : LANGUAGES.subList(1, LANGUAGES.size())) {
            var translated = load(basename + language + ".properties");
            assertThat(translated.stringPropertyNames()).as(basename + language).isEqualTo(english.stringPropertyNames());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("basenames")
    void everyTextFormatsWithItsArguments(String basename) throws IOException {
        for (String language : LANGUAGES) {
            var bundle = load(basename + language + ".properties");
            for (String key : bundle.stringPropertyNames()) {
                String text = bundle.getProperty(key);
                // A lone apostrophe would swallow the {0} after it. A number or choice format takes a number.
                boolean numeric = text.contains("{0,number") || text.contains("{0,choice");
                Object first = numeric ? (Object) 20 : "ARG0";
                String formatted = new MessageFormat(text, Locale.ROOT).format(new Object[] {first, "ARG1", "ARG2"});
                assertThat(formatted).as(basename + language + " " + key).doesNotContain("{0}", "{1}", "{2}");
                if (text.contains("{0}") || numeric) {
                    assertThat(formatted).as(basename + language + " " + key).contains(numeric ? "20" : "ARG0");
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void theTextsClientsMatchAreVerbatimInEnglish() throws IOException {
        var english = load("i18n/messages.properties");

        assertThat(english.getProperty("parameter.invalid_date")).contains("Invalid date.");
        assertThat(english.getProperty("operator.has_linked_work"))
                .contains("This operator cannot be removed because there are chats/tickets linked to it.");
        assertThat(load("i18n/messages_pt_BR.properties").getProperty("operator.has_linked_work"))
                .contains("Este atendente não pode ser removido por haver atendimentos/chamados vinculados.");
    }

    private static Properties load(String resource) throws IOException {
        var properties = new Properties();
        try (var stream = MessageBundlesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(stream).as(resource).isNotNull();
            properties.load(new InputStreamReader(stream, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
