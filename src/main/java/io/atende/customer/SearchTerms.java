package io.atende.customer;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The terms a customer is found by, and the byte range a search prefix covers.
 * <p>
 * Terms are folded (lower case, no accents) and kept as UTF-8 bytes. Byte order is the same on
 * H2 and on PostgreSQL whatever the database collation, and a prefix of the text is a prefix of
 * the bytes, so "starts with" becomes an index range scan: {@code term >= prefix and term < next}.
 */
final class SearchTerms {

    /** Longest term kept, in characters; a longer search cannot match more precisely anyway. */
    static final int MAX_TERM_LENGTH = 250;

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern WORD_SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private SearchTerms() {
    }

    /** Lower case without accents, trimmed and cut to the longest term; {@code null} stays {@code null}. */
    static String fold(String text) {
        if (text == null) {
            return null;
        }
        String folded = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("")
                .toLowerCase(Locale.ROOT).strip();
        return cut(folded);
    }

    /** The whole name and each of its words, the e-mail address and its domain, the internal id. */
    static Set<String> of(String name, String email, String internalId) {
        Set<String> terms = new LinkedHashSet<>();
        String folded = fold(name);
        add(terms, folded);
        Arrays.stream(WORD_SEPARATORS.split(folded)).forEach(word -> add(terms, word));
        String mail = fold(email);
        if (mail != null) {
            add(terms, mail);
            int at = mail.lastIndexOf('@');
            if (at >= 0) {
                add(terms, mail.substring(at + 1));
            }
        }
        add(terms, fold(internalId));
        return terms;
    }

    static byte[] bytes(String term) {
        return term.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The first byte string after every string that starts with {@code prefix}. UTF-8 never uses
     * the byte 0xFF, so raising the last byte by one never overflows.
     */
    static byte[] upperBound(byte[] prefix) {
        byte[] bound = Arrays.copyOf(prefix, prefix.length);
        bound[bound.length - 1]++;
        return bound;
    }

    private static void add(Set<String> terms, String term) {
        if (term != null && !term.isEmpty()) {
            terms.add(term);
        }
    }

    private static String cut(String text) {
        if (text.codePointCount(0, text.length()) <= MAX_TERM_LENGTH) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_TERM_LENGTH)).strip();
    }
}
