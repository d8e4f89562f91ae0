package io.atende.knowledge;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** The URL names of categories and articles: lower-case ASCII letters and digits separated by single hyphens. */
final class Slugs {

    static final int MAX_LENGTH = 120;
    // Generated slugs leave room for a "-<n>" suffix that tells equal titles apart.
    private static final int GENERATED_LENGTH = 80;
    private static final Pattern VALID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");

    private Slugs() {
    }

    static boolean isValid(String slug) {
        return slug.length() <= MAX_LENGTH && VALID.matcher(slug).matches();
    }

    /** The slug of a title: accents removed, other characters turned into hyphens; {@code fallback} when nothing is left. */
    static String of(String text, String fallback) {
        String ascii = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("").toLowerCase(Locale.ROOT);
        String slug = trimHyphens(NOT_ALPHANUMERIC.matcher(ascii).replaceAll("-"));
        if (slug.length() > GENERATED_LENGTH) {
            String cut = slug.substring(0, GENERATED_LENGTH);
            int lastHyphen = cut.lastIndexOf('-');
            slug = trimHyphens(lastHyphen > GENERATED_LENGTH / 2 ? cut.substring(0, lastHyphen) : cut);
        }
        return slug.isEmpty() ? fallback : slug;
    }

    private static String trimHyphens(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == '-') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == '-') {
            end--;
        }
        return text.substring(start, end);
    }
}
