package io.atende.api.v2;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerMessagesTest {

    @Test
    void everyCustomerMessageExistsInTheThreeLanguages() throws IOException {
        var english = load("i18n/customers.properties");
        var portuguese = load("i18n/customers_pt_BR.properties");
        var spanish = load("i18n/customers_es.properties");

        assertThat(english).isNotEmpty();
        assertThat(portuguese.keySet()).isEqualTo(english.keySet());
        assertThat(spanish.keySet()).isEqualTo(english.keySet());
    }

    @Test
    void noMessageHasAnApostropheThatMessageFormatWouldSwallow() throws IOException {
        for (String bundle : new String[] {"customers", "customers_pt_BR", "customers_es"}) {
            load("i18n/" + bundle + ".properties").forEach((key, text) ->
                    assertThat((String) text).as(bundle + " " + key).doesNotContain("'"));
        }
    }

    private static Properties load(String resource) throws IOException {
        var properties = new Properties();
        try (var stream = CustomerMessagesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(stream).as(resource).isNotNull();
            properties.load(new InputStreamReader(stream, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
