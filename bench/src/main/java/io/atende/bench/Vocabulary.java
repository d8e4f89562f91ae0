package io.atende.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Made-up, Portuguese-sounding words drawn with a Zipf distribution, so that a few words are in
 * almost every ticket and most are rare, as in real support text. Words are ASCII lower case:
 * the application's search form of them is the word itself.
 */
final class Vocabulary {

    private static final String[] SYLLABLES = {"ba", "be", "ca", "co", "da", "de", "do", "fa", "fi", "ga", "la", "le", "li", "lo",
            "ma", "me", "mi", "mo", "na", "ne", "no", "pa", "pe", "po", "ra", "re", "ri", "ro", "sa", "se", "si", "so", "ta", "te",
            "ti", "to", "va", "ve", "vi", "tra", "pro", "con", "men", "cao", "sen", "ter", "lar", "dor"};

    private final String[] words;
    private final double[] cumulative;

    Vocabulary(Random random, int size) {
        Set<String> distinct = new LinkedHashSet<>();
        while (distinct.size() < size) {
            int syllables = 1 + random.nextInt(4);
            var word = new StringBuilder();
            for (int s = 0; s < syllables; s++) {
                word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            distinct.add(word.toString());
        }
        words = distinct.toArray(String[]::new);
        cumulative = new double[size];
        double sum = 0;
        for (int rank = 0; rank < size; rank++) {
            sum += 1.0 / (rank + 1);
            cumulative[rank] = sum;
        }
        for (int rank = 0; rank < size; rank++) {
            cumulative[rank] /= sum;
        }
    }

    String word(Random random) {
        int index = Arrays.binarySearch(cumulative, random.nextDouble());
        return words[index < 0 ? Math.min(words.length - 1, -index - 1) : index];
    }

    String name(Random random) {
        String word = words[random.nextInt(words.length)];
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    String sentence(Random random, int length) {
        var text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            String word = word(random);
            text.append(i == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : " " + word);
        }
        return text.toString();
    }

    /** A message body of 30 to 180 words (about 200 to 1,200 characters) in one to three paragraphs. */
    String body(Random random) {
        int length = 30 + random.nextInt(151);
        var text = new StringBuilder();
        int written = 0;
        while (written < length) {
            int sentence = Math.min(length - written, 6 + random.nextInt(12));
            if (text.length() > 0) {
                text.append(random.nextInt(5) == 0 ? "\n\n" : " ");
            }
            text.append(sentence(random, sentence)).append(random.nextInt(6) == 0 ? "?" : ".");
            written += sentence;
        }
        return text.toString();
    }

    /** Queries for the search scenario: a common word, a mid-frequency word, a rare word and a two-word query. */
    List<String> searchWords() {
        var queries = new ArrayList<String>();
        queries.add(words[20]);
        queries.add(words[400]);
        queries.add(words[4_000]);
        queries.add(words[100] + " " + words[900]);
        return queries;
    }

    static List<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")).filter(word -> !word.isEmpty()).toList();
    }
}
