package io.atende.platform;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * The language a request is answered in: the one a signed-in user chose (set by the console or
 * portal for the request), else the caller's Accept-Language among the three we speak, else English
 * (the API's default, which TomTicket clients expect).
 */
public class RequestLocales extends AcceptHeaderLocaleResolver {

    public static final Locale PORTUGUESE = Locale.forLanguageTag("pt-BR");
    public static final Locale SPANISH = Locale.forLanguageTag("es");

    private static final String ATTRIBUTE = RequestLocales.class.getName() + ".chosen";

    /** Answers this request in {@code locale}, whatever the Accept-Language header says. */
    public static void use(HttpServletRequest request, Locale locale) {
        request.setAttribute(ATTRIBUTE, locale);
    }

    /** One of our three locales for a language tag ({@code pt-BR}, {@code en}, {@code es}); Portuguese otherwise. */
    public static Locale forTag(String tag) {
        if (tag == null) {
            return PORTUGUESE;
        }
        return switch (Locale.forLanguageTag(tag).getLanguage()) {
            case "en" -> Locale.ENGLISH;
            case "es" -> SPANISH;
            default -> PORTUGUESE;
        };
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof Locale chosen) {
            return chosen;
        }
        if (request.getHeader("Accept-Language") == null) {
            return Locale.ENGLISH;
        }
        // Any Portuguese means Brazilian Portuguese, any Spanish our Spanish; first match by preference.
        for (var locales = request.getLocales(); locales.hasMoreElements(); ) {
            switch (locales.nextElement().getLanguage()) {
                case "pt": return PORTUGUESE;
                case "es": return SPANISH;
                case "en": return Locale.ENGLISH;
                default: break;
            }
        }
        return Locale.ENGLISH;
    }
}
