package io.atende.knowledge;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.PortugueseStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;

/**
 * The words an article is found by and the byte ranges a search covers. Words are folded (lower
 * case, no accents) and kept as UTF-8 bytes: a word prefix is then a byte prefix, and "a word
 * starting with x" is the index range {@code term >= x and term < next(x)} on H2 and PostgreSQL
 * alike, whatever the database collation.
 *
 * <p>Beside its words an article is indexed by their stems in Portuguese, English and Spanish (the
 * Snowball algorithms PostgreSQL's text-search configurations of those names use), accents folded, so
 * that "impressoras" finds "impressora" and "printers" finds "printer". Every article gets the stems
 * of all three languages: a help center often answers in more than one, and an account's language says
 * nothing of the language a visitor searches in. A search word matches a word it starts, or a stem
 * equal to one of its own.
 */
final class SearchWords {

    /** Longest word kept, in characters; a longer search word is cut the same way and still matches. */
    static final int MAX_WORD_LENGTH = 100;
    /** Words of a search beyond this many are ignored: each one is a condition of the query. */
    static final int MAX_SEARCH_WORDS = 8;

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** Stemmers keep state between calls: one of each per thread. */
    private static final List<ThreadLocal<SnowballStemmer>> STEMMERS = List.of(
            stemmer(PortugueseStemmer::new), stemmer(EnglishStemmer::new), stemmer(SpanishStemmer::new));

    private SearchWords() {
    }

    /** A word of a search: the folded word, which must start a word of the article, and its stems, one of which may equal a stem. */
    record SearchWord(String prefix, Set<String> stems) {
    }

    /** The terms an article is indexed by: its folded words and their stems. */
    static Set<String> terms(String... texts) {
        Set<String> terms = new LinkedHashSet<>();
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            for (String word : SEPARATORS.split(Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT))) {
                if (word.isEmpty()) {
                    continue;
                }
                String folded = cut(fold(word));
                if (folded.isEmpty()) {
                    continue;
                }
                terms.add(folded);
                terms.addAll(stems(word, folded));
            }
        }
        return terms;
    }

    /** The words of a search with their stems, at most {@link #MAX_SEARCH_WORDS}. */
    static List<SearchWord> ofSearchWithStems(String search) {
        return ofSearchWithStems(search, MAX_SEARCH_WORDS, 1);
    }

    /** The first {@code max} distinct words of a text, of at least {@code minLength} characters, with their stems. */
    static List<SearchWord> ofSearchWithStems(String search, int max, int minLength) {
        List<SearchWord> words = new java.util.ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String word : SEPARATORS.split(Normalizer.normalize(search, Normalizer.Form.NFC).toLowerCase(Locale.ROOT))) {
            String folded = cut(fold(word));
            if (folded.length() < Math.max(minLength, 1) || !seen.add(folded)) {
                continue;
            }
            Set<String> stems = stems(word, folded);
            stems.remove(folded);
            words.add(new SearchWord(folded, stems));
            if (words.size() == max) {
                break;
            }
        }
        return words;
    }

    /**
     * Portuguese endings commonly typed without their accents, and the accented endings the Portuguese stemmer
     * knows: "configuracoes" is also stemmed as "configurações", so that it finds "configuração".
     */
    private static final List<String[]> UNACCENTED_ENDINGS = List.of(
            new String[] {"coes", "ções"}, new String[] {"cao", "ção"}, new String[] {"oes", "ões"}, new String[] {"aes", "ães"},
            new String[] {"ao", "ão"});

    /** The stems of the word as written and folded, in each language, folded. */
    private static Set<String> stems(String word, String folded) {
        Set<String> stems = new LinkedHashSet<>();
        for (var local : STEMMERS) {
            var stemmer = local.get();
            List<String> forms = new java.util.ArrayList<>(word.equals(folded) ? List.of(word) : List.of(word, folded));
            if (stemmer instanceof PortugueseStemmer && word.equals(folded)) {
                UNACCENTED_ENDINGS.stream().filter(ending -> folded.endsWith(ending[0])).findFirst()
                        .ifPresent(ending -> forms.add(folded.substring(0, folded.length() - ending[0].length()) + ending[1]));
            }
            for (String form : forms) {
                stemmer.setCurrent(form);
                stemmer.stem();
                String stem = cut(fold(stemmer.getCurrent()));
                if (!stem.isEmpty()) {
                    stems.add(stem);
                }
            }
        }
        return stems;
    }

    private static String fold(String word) {
        return MARKS.matcher(Normalizer.normalize(word, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT);
    }

    private static String cut(String word) {
        return word.length() > MAX_WORD_LENGTH ? word.substring(0, MAX_WORD_LENGTH) : word;
    }

    private static ThreadLocal<SnowballStemmer> stemmer(Supplier<SnowballStemmer> make) {
        return ThreadLocal.withInitial(make);
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
