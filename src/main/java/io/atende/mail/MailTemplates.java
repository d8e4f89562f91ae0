package io.atende.mail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.atende.account.AccountView;
import io.atende.automation.Placeholders;
import io.atende.platform.Branding;
import io.atende.platform.Html;

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
    private final MailTemplateStore store;

    MailTemplates(MessageSource messages, MailTemplateStore store) {
        this.messages = messages;
        this.store = store;
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

    /** The rating block in the locale, each answer a link to {@code link} with the answer in its query. */
    Rating rating(Locale locale, String link) {
        List<Link> grades = new ArrayList<>();
        for (int grade = 1; grade <= 5; grade++) {
            grades.add(new Link(text(locale, "mail.rating.grade." + grade), link + "?grade=" + grade));
        }
        return new Rating(text(locale, "mail.rating.question"), grades, text(locale, "mail.rating.solved"),
                List.of(new Link(text(locale, "mail.rating.yes"), link + "?solved=yes"),
                        new Link(text(locale, "mail.rating.no"), link + "?solved=no")));
    }

    /** A localized text of the mail bundle. */
    String text(Locale locale, String key, Object... arguments) {
        return messages.getMessage(key, arguments, locale);
    }

    /**
     * The message in the account's own words when it wrote a template for this kind and language (placeholders filled
     * from {@code values} and from the content's message, rating and link), else Atende's built-in one from {@code content}.
     */
    RenderedMail render(AccountView account, Locale locale, MailKind kind, Content content, Map<String, String> values) {
        if (!MailTemplateKinds.customizable(kind)) {
            return render(account, locale, content);
        }
        return store.find(account.id(), kind, locale.toLanguageTag())
                .map(template -> render(account, locale, template, content, values))
                .orElseGet(() -> render(account, locale, content));
    }

    /**
     * A template of the account's: the subject and text filled as they are; the HTML filled with escaped values, sanitized
     * again (a customer's name is no markup, whatever it says), then given the message and rating blocks, which are safe
     * HTML of Atende's making, and wrapped in the account's branding as the built-in messages are.
     */
    RenderedMail render(AccountView account, Locale locale, MailTemplateStore.Stored template, Content content, Map<String, String> values) {
        var colors = Branding.of(account.accentColor());
        String subject = Placeholders.fill(template.subject(), values).replaceAll("\\s+", " ").strip();
        Map<String, String> textValues = new HashMap<>(values);
        textValues.put("message", messageText(content));
        textValues.put("rating", ratingText(content.rating()));
        textValues.put("link", content.buttonLink());
        String footer = text(locale, "mail.footer", account.name());
        String text = Placeholders.fill(template.text(), textValues).strip() + "\n\n-- \n" + footer + "\n";
        Map<String, String> blocks = Map.of(marker("message"), messageHtml(content, colors), marker("rating"), ratingHtml(content.rating(), colors));
        String filled = Placeholders.fill(template.html(), name -> switch (name) {
            case "message", "rating" -> marker(name);
            case "link" -> Html.escape(content.buttonLink());
            default -> Html.escape(values.get(name));
        });
        String body = Html.sanitize(filled);
        for (var block : blocks.entrySet()) {
            body = body.replace(block.getKey(), block.getValue());
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put("lang", locale.toLanguageTag());
        variables.put("subject", subject);
        variables.put("accountName", account.name());
        variables.put("accent", colors.accent());
        variables.put("onAccent", colors.onAccent());
        variables.put("body", body);
        variables.put("footer", footer);
        return new RenderedMail(subject, text, engine.process("custom.html", new Context(locale, variables)));
    }

    /** A word that stands for a block while the template is sanitized: plain text, so the sanitizer keeps it where it is. */
    private static String marker(String block) {
        return "ATENDEBLOCK" + block.toUpperCase(Locale.ROOT) + "X9Q";
    }

    private static String messageText(Content content) {
        var parts = new java.util.ArrayList<String>();
        if (content.bodyText() != null) {
            parts.add(content.bodyText());
        }
        if (content.attachments() != null) {
            parts.add(content.attachments());
        }
        if (!content.links().isEmpty()) {
            parts.add(String.join("\n", content.links().stream().map(link -> "- " + link.label() + ": " + link.url()).toList()));
        }
        return String.join("\n\n", parts);
    }

    private static String messageHtml(Content content, Branding colors) {
        var html = new StringBuilder();
        if (content.bodyHtml() != null) {
            html.append("<div style=\"margin:16px 0;padding:12px 16px;border-left:4px solid ").append(colors.accent())
                    .append(";background:#fafafa;\">").append(content.bodyHtml()).append("</div>");
        }
        if (content.attachments() != null) {
            html.append("<p style=\"margin:0 0 12px;color:#52525b;font-size:13px;\">").append(Html.escape(content.attachments())).append("</p>");
        }
        if (!content.links().isEmpty()) {
            html.append("<ul style=\"margin:0 0 12px;padding-left:20px;font-size:13px;\">");
            content.links().forEach(link -> html.append("<li><a href=\"").append(Html.escape(link.url())).append("\" style=\"color:")
                    .append(colors.accent()).append(";\">").append(Html.escape(link.label())).append("</a></li>"));
            html.append("</ul>");
        }
        return html.toString();
    }

    private static String ratingText(Rating rating) {
        if (rating == null) {
            return "";
        }
        var text = new StringBuilder(rating.question()).append('\n');
        rating.grades().forEach(grade -> text.append("  ").append(grade.label()).append(": ").append(grade.url()).append('\n'));
        text.append('\n').append(rating.solvedQuestion()).append('\n');
        rating.solved().forEach(answer -> text.append("  ").append(answer.label()).append(": ").append(answer.url()).append('\n'));
        return text.toString().strip();
    }

    private static String ratingHtml(Rating rating, Branding colors) {
        if (rating == null) {
            return "";
        }
        var html = new StringBuilder("<div style=\"margin:24px 0;\"><p style=\"margin:0 0 8px;font-weight:bold;\">")
                .append(Html.escape(rating.question())).append("</p><p style=\"margin:0 0 12px;\">");
        rating.grades().forEach(grade -> html.append("<a href=\"").append(Html.escape(grade.url()))
                .append("\" style=\"display:inline-block;margin:0 6px 6px 0;padding:8px 14px;border-radius:4px;text-decoration:none;"
                        + "font-weight:bold;background:").append(colors.accent()).append(";color:").append(colors.onAccent()).append(";\">")
                .append(Html.escape(grade.label())).append("</a>"));
        html.append("</p><p style=\"margin:0 0 8px;\">").append(Html.escape(rating.solvedQuestion())).append("</p><p style=\"margin:0 0 12px;\">");
        rating.solved().forEach(answer -> html.append("<a href=\"").append(Html.escape(answer.url()))
                .append("\" style=\"display:inline-block;margin:0 6px 6px 0;padding:6px 12px;border:1px solid #a1a1aa;border-radius:4px;"
                        + "text-decoration:none;color:#18181b;\">").append(Html.escape(answer.label())).append("</a>"));
        return html.append("</p></div>").toString();
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
