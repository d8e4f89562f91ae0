package io.atende.console;

import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * The avatar the console shows beside a person's name: their initials (first and last word), no picture to upload or
 * fetch. Pages call it as {@code ${@consoleInitials.of(name)}}; the avatar is decoration (aria-hidden), the name
 * beside it is what is read.
 */
@Component("consoleInitials")
public class ConsoleInitials {

    /** Up to two letters, upper case; "?" for a name without letters. */
    public String of(String name) {
        if (name == null) {
            return "?";
        }
        String[] words = name.strip().split("[\\s\\p{Punct}&&[^'’]]+");
        StringBuilder initials = new StringBuilder();
        String first = firstLetter(words, 0, 1);
        if (first != null) {
            initials.append(first);
        }
        if (words.length > 1) {
            String last = firstLetter(words, words.length - 1, -1);
            if (last != null && initials.length() > 0) {
                initials.append(last);
            }
        }
        return initials.length() == 0 ? "?" : initials.toString().toUpperCase(Locale.ROOT);
    }

    /** The first letter of the first word (from {@code start}, in {@code step}'s direction) that has one. */
    private static String firstLetter(String[] words, int start, int step) {
        for (int i = start; i >= 0 && i < words.length; i += step) {
            for (int offset = 0; offset < words[i].length(); ) {
                int codePoint = words[i].codePointAt(offset);
                if (Character.isLetter(codePoint)) {
                    return new String(Character.toChars(codePoint));
                }
                offset += Character.charCount(codePoint);
            }
        }
        return null;
    }
}
