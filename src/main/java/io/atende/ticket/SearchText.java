package io.atende.ticket;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The searchable form of ticket text: the words of the plain text, lower case, without accents.
 * The ticket keeps them separated by single spaces and led by one, so "starts a word" is
 * {@code like '% word%'} on any database and a {@code 'simple'} tsvector on PostgreSQL sees the same words.
 */
final class SearchText {

    private SearchText() {
    }

    static List<String> words(String text) {
        if (text == null) {
            return List.of();
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
        return Arrays.stream(folded.split("[^\\p{L}\\p{N}]+")).filter(word -> !word.isEmpty()).toList();
    }
}
