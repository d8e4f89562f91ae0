package io.atende.knowledge;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words an article is found by and the byte ranges a search covers. Words are folded (lower
 * case, no accents) and kept as UTF-8 bytes: a word prefix is then a byte prefix, and "a word
 * starting with x" is the index range {@code term >= x and term < next(x)} on H2 and PostgreSQL
 * alike, whatever the database collation.
 */
final class SearchWords {

    /** Longest word kept, in characters; a longer search word is cut the same way and still matches. */
    static final int MAX_WORD_LENGTH = 100;
    /** Words of a search beyond this many are ignored: each one is a condition of the query. */
    static final int MAX_SEARCH_WORDS = 8;

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private SearchWords() {
    }

    /** The distinct folded words of the texts. */
    static Set<String> of(String... texts) {
        Set<String> words = new LinkedHashSet<>();
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            String folded = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT);
            Arrays.stream(SEPARATORS.split(folded)).filter(word -> !word.isEmpty())
                    .map(word -> word.length() > MAX_WORD_LENGTH ? word.substring(0, MAX_WORD_LENGTH) : word)
                    .forEach(words::add);
        }
        return words;
    }

    /** The words of a search, at most {@link #MAX_SEARCH_WORDS}; each must start a word of a matching article. */
    static List<String> ofSearch(String search) {
        return of(search).stream().limit(MAX_SEARCH_WORDS).toList();
    }

    static byte[] bytes(String word) {
        return word.getBytes(StandardCharsets.UTF_8);
    }

    /** The smallest byte string greater than every string that starts with {@code prefix}. */
    static byte[] after(byte[] prefix) {
        // UTF-8 never contains 0xFF, so the last byte can always be incremented.
        byte[] next = Arrays.copyOf(prefix, prefix.length);
        next[next.length - 1]++;
        return next;
    }
}
