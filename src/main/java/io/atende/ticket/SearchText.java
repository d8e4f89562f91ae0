package io.atende.ticket;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.atende.platform.Html;

/**
 * The searchable form of ticket text: plain text, lower case, without accents, words separated by
 * single spaces and led by one, so "starts a word" is {@code like '% word%'} on any database and a
 * {@code 'simple'} tsvector on PostgreSQL sees the same words.
 */
final class SearchText {

    private SearchText() {
    }

    static String of(String text, boolean html) {
        String plain = html ? Html.toPlainText(text) : text;
        var words = words(plain);
        return words.isEmpty() ? "" : " " + String.join(" ", words);
    }

    static List<String> words(String text) {
        if (text == null) {
            return List.of();
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
        return Arrays.stream(folded.split("[^\\p{L}\\p{N}]+")).filter(word -> !word.isEmpty()).toList();
    }
}
