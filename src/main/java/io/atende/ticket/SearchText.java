package io.atende.ticket;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The searchable form of ticket text: the words of the plain text, lower case, without accents.
 * The ticket keeps them separated by single spaces and led by one, so "starts a word" is
 * {@code like '% word%'} on any database and a {@code 'simple'} tsvector on PostgreSQL sees the same words.
 */
final class SearchText {

    private SearchText() {
    }

    /**
     * {@code current} with the words it does not have yet appended, each led by a space. Only the
     * vocabulary is kept (search matches words, not phrases), which keeps the column and its
     * PostgreSQL tsvector small however long the conversation grows; past {@code maxLength}
     * characters new words are not indexed, and words longer than {@code maxWord} never are.
     */
    static String withWords(String current, List<String> words, int maxWord, int maxLength) {
        Set<String> known = new HashSet<>(Arrays.asList(current.split(" ")));
        var text = new StringBuilder(current);
        for (String word : words) {
            if (word.length() <= maxWord && text.length() + word.length() + 1 <= maxLength && known.add(word)) {
                text.append(' ').append(word);
            }
        }
        return text.toString();
    }

    static List<String> words(String text) {
        if (text == null) {
            return List.of();
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
        return Arrays.stream(folded.split("[^\\p{L}\\p{N}]+")).filter(word -> !word.isEmpty()).toList();
    }
}
