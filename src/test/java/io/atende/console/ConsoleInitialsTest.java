package io.atende.console;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's avatars are the initials of the first and last word of a name. */
class ConsoleInitialsTest {

    private final ConsoleInitials initials = new ConsoleInitials();

    @Test
    void takesTheFirstLettersOfTheFirstAndLastWords() {
        assertThat(initials.of("Ana Ribeiro")).isEqualTo("AR");
        assertThat(initials.of("maria da silva souza")).isEqualTo("MS");
        assertThat(initials.of("Priya")).isEqualTo("P");
        assertThat(initials.of("  Élodie  Ørsted ")).isEqualTo("ÉØ");
        assertThat(initials.of("James O'Connor")).isEqualTo("JO");
        assertThat(initials.of("Ana (Suporte)")).isEqualTo("AS");
    }

    @Test
    void aNameWithoutLettersIsAQuestionMark() {
        assertThat(initials.of(null)).isEqualTo("?");
        assertThat(initials.of("")).isEqualTo("?");
        assertThat(initials.of("123 --")).isEqualTo("?");
    }
}
