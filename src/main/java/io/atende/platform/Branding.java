package io.atende.platform;

import java.util.Locale;

/**
 * The colours of an account's pages (help center, console, portal), derived from its accent colour so that text stays
 * readable: {@code onAccent} is white or black (one of them always reaches 4.5:1), whichever contrasts more with the accent, and
 * {@code link} is the accent darkened until it reaches WCAG's 4.5:1 against the white page.
 */
public record Branding(String accent, String onAccent, String link) {

    public static final String DEFAULT_ACCENT = "#1d4ed8";
    private static final String DARK_TEXT = "#000000";
    private static final String WHITE = "#ffffff";
    private static final double READABLE = 4.5;

    public static Branding of(String accentColor) {
        String accent = accentColor == null ? DEFAULT_ACCENT : accentColor.toLowerCase(Locale.ROOT);
        int[] rgb = rgb(accent);
        String onAccent = contrast(rgb, rgb(WHITE)) >= contrast(rgb, rgb(DARK_TEXT)) ? WHITE : DARK_TEXT;
        int[] link = rgb.clone();
        while (contrast(link, rgb(WHITE)) < READABLE) {
            for (int i = 0; i < 3; i++) {
                link[i] = (int) (link[i] * 0.9);
            }
        }
        return new Branding(accent, onAccent, String.format(Locale.ROOT, "#%02x%02x%02x", link[0], link[1], link[2]));
    }

    /** The WCAG contrast ratio of two colours, from 1 to 21. */
    public static double contrast(int[] first, int[] second) {
        double a = luminance(first);
        double b = luminance(second);
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }

    public static int[] rgb(String hex) {
        return new int[] {Integer.parseInt(hex.substring(1, 3), 16), Integer.parseInt(hex.substring(3, 5), 16),
                Integer.parseInt(hex.substring(5, 7), 16)};
    }

    private static double luminance(int[] rgb) {
        double[] linear = new double[3];
        for (int i = 0; i < 3; i++) {
            double channel = rgb[i] / 255.0;
            linear[i] = channel <= 0.03928 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
    }
}
