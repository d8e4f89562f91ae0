package io.atende.chat;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words a chat is found by in the history: each word of its customers' and operators' messages, folded (lower
 * case, no accents) and kept as UTF-8 bytes, so that "starts with" is an index range scan
 * ({@code word >= prefix and word < upperBound(prefix)}) on H2 and PostgreSQL alike, whatever the collation.
 * Public for the migration that indexes the chats written before the history search (V211) only.
 */
public final class ChatWords {

    /** Longest word kept, in characters: longer ones are cut (a search for them still matches their start). */
    static final int MAX_WORD_LENGTH = 40;
    /** Most words a search combines; more would only slow it down. */
    static final int MAX_SEARCH_WORDS = 5;

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private ChatWords() {
    }

    /** The distinct folded words of the text, at least two characters long. */
    public static Set<String> of(String text) {
        Set<String> words = new LinkedHashSet<>();
        if (text == null) {
            return words;
        }
        for (String word : SEPARATORS.split(fold(text))) {
            if (word.codePointCount(0, word.length()) >= 2) {
                words.add(cut(word));
            }
        }
        return words;
    }

    /** The words of a search, at most {@link #MAX_SEARCH_WORDS}, one-letter words included (a prefix of something). */
    static List<String> search(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(SEPARATORS.split(fold(text))).filter(word -> !word.isEmpty()).map(ChatWords::cut).distinct()
                .limit(MAX_SEARCH_WORDS).toList();
    }

    public static byte[] bytes(String word) {
        return word.getBytes(StandardCharsets.UTF_8);
    }

    /** The first byte string after every string that starts with {@code prefix} (UTF-8 never uses 0xFF). */
    static byte[] upperBound(byte[] prefix) {
        byte[] bound = Arrays.copyOf(prefix, prefix.length);
        bound[bound.length - 1]++;
        return bound;
    }

    private static String fold(String text) {
        return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT);
    }

    private static String cut(String word) {
        return word.codePointCount(0, word.length()) <= MAX_WORD_LENGTH ? word : word.substring(0, word.offsetByCodePoints(0, MAX_WORD_LENGTH));
    }
}
