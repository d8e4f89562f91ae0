package io.atende.mail;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.atende.account.AccountView;
import io.atende.platform.Branding;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders messages from the Thymeleaf templates under {@code templates/mail} (an HTML and a
 * text body) in the recipient's language, with the account's name and accent colour.
 */
@Component
class MailTemplates {

    private final SpringTemplateEngine engine = new SpringTemplateEngine();
    private final MessageSource messages;

    MailTemplates(MessageSource messages) {
        this.messages = messages;
        engine.addTemplateResolver(resolver(TemplateMode.HTML, ".html", 1));
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, ".txt", 2));
    }

    /**
     * What a notification says. Lines are plain text; {@code bodyHtml} is already safe HTML (a
     * sanitized ticket message) and {@code bodyText} its plain-text form.
     */
    record Content(String subject, String greeting, List<String> lines, String bodyHtml, String bodyText, String attachments,
                   String buttonLabel, String buttonLink, List<String> after, List<Link> links, Rating rating) {

        Content(String subject, String greeting, List<String> lines, String bodyHtml, String bodyText, String attachments,
                String buttonLabel, String buttonLink, List<String> after) {
            this(subject, greeting, lines, bodyHtml, bodyText, attachments, buttonLabel, buttonLink, after, List.of(), null);
        }
    }

    /** A link the message lists (a file to download), with the text shown for it. */
    record Link(String label, String url) {
    }

    /** The one-click rating of a finished ticket: a question, the five grades and the "solved?" answers, each a link. */
    record Rating(String question, List<Link> grades, String solvedQuestion, List<Link> solved) {
    }

    /** A localized text of the mail bundle. */
    String text(Locale locale, String key, Object... arguments) {
        return messages.getMessage(key, arguments, locale);
    }

    RenderedMail render(AccountView account, Locale locale, Content content) {
        var colors = Branding.of(account.accentColor());
        Map<String, Object> variables = new HashMap<>();
        variables.put("lang", locale.toLanguageTag());
        variables.put("subject", content.subject());
        variables.put("accountName", account.name());
        variables.put("accent", colors.accent());
        variables.put("onAccent", colors.onAccent());
        variables.put("greeting", content.greeting());
        variables.put("lines", content.lines());
        variables.put("bodyHtml", content.bodyHtml());
        variables.put("bodyText", content.bodyText());
        variables.put("attachments", content.attachments());
        variables.put("buttonLabel", content.buttonLabel());
        variables.put("buttonLink", content.buttonLink());
        variables.put("after", content.after());
        variables.put("links", content.links());
        variables.put("rating", content.rating());
        variables.put("footer", text(locale, "mail.footer", account.name()));
        var context = new Context(locale, variables);
        return new RenderedMail(content.subject(), engine.process("notification.txt", context).strip() + "\n",
                engine.process("notification.html", context));
    }

    /**
     * The locale of a language tag as customers, operators and events carry it ({@code pt-BR},
     * {@code es_ES}, {@code en}); without one, Brazilian Portuguese (the default language of
     * customers and of the console); English for other languages.
     */
    static Locale locale(String tag) {
        if (tag == null || tag.isBlank()) {
            return Locale.forLanguageTag("pt-BR");
        }
        String lower = tag.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        if (lower.startsWith("pt")) {
            return Locale.forLanguageTag("pt-BR");
        }
        if (lower.startsWith("es")) {
            return Locale.forLanguageTag("es");
        }
        return Locale.ENGLISH;
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String suffix, int order) {
        var resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/mail/");
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setResolvablePatterns(java.util.Set.of("*" + suffix));
        resolver.setOrder(order);
        resolver.setCheckExistence(true);
        resolver.setCacheable(true);
        return resolver;
    }
}
