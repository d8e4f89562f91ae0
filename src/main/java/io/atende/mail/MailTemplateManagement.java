package io.atende.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.atende.account.AccountManagement;
import io.atende.automation.Placeholders;
import io.atende.platform.Html;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The account's own words for the e-mail Atende sends, per kind and language: subject, text and HTML with placeholders
 * ({@code {{customer.name}}}, {@code {{message}}}, {@code {{link}}} …, the same syntax as macros and rules). A template is
 * checked whole when saved or previewed: a placeholder the kind does not know or a required one left out is refused
 * naming it, and the HTML is sanitized, so nothing an admin writes can run in a reader's mail client. Without a template
 * the built-in message is sent, unchanged.
 */
@Service
public class MailTemplateManagement {

    static final int MAX_SUBJECT = 250;
    static final int MAX_TEXT = 20_000;
    static final int MAX_HTML = 40_000;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
    private static final Pattern BLOCK_IN_TAG = Pattern.compile("<[^>]*\\{\\{(message|rating)}}[^>]*>");
    private static final String PROTECTED = "https://atende.invalid/placeholder/";

    private final MailTemplateStore store;
    private final MailTemplates templates;
    private final AccountManagement accounts;
    private final Clock clock;
    private final String publicUrl;

    MailTemplateManagement(MailTemplateStore store, MailTemplates templates, AccountManagement accounts, Clock clock,
                           @Value("${atende.public-url}") String publicUrl) {
        this.store = store;
        this.templates = templates;
        this.accounts = accounts;
        this.clock = clock;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** The kinds of e-mail an account may write itself, customer-facing first. */
    public List<MailKind> kinds() {
        return MailTemplateKinds.customizable();
    }

    /** The languages a template may be written in: {@code pt-BR}, {@code en}, {@code es}. */
    public List<String> languages() {
        return MailTemplateKinds.LANGUAGES;
    }

    /** The placeholders a template of this kind may carry, e.g. {@code customer.name}. */
    public List<String> placeholders(MailKind kind) {
        return rules(kind).placeholders();
    }

    /** The placeholders a template of this kind must carry in its text and HTML, e.g. {@code link}. */
    public List<String> required(MailKind kind) {
        return rules(kind).required();
    }

    /** Every kind in every language, the account's own where it wrote one. */
    @Transactional(readOnly = true)
    public List<MailTemplateView> list(String accountId) {
        Map<String, MailTemplateStore.Stored> own = new HashMap<>();
        store.list(accountId).forEach(template -> own.put(template.kind() + "/" + template.language(), template));
        List<MailTemplateView> views = new ArrayList<>();
        for (var kind : kinds()) {
            for (var language : languages()) {
                var template = own.get(kind + "/" + language);
                views.add(template != null ? view(template) : starter(kind, language));
            }
        }
        return views;
    }

    /** The account's template for the kind and language, else a starting point written from the built-in message. */
    @Transactional(readOnly = true)
    public MailTemplateView get(String accountId, MailKind kind, String language) {
        checkKindAndLanguage(kind, language);
        return store.find(accountId, kind, language).map(MailTemplateManagement::view).orElseGet(() -> starter(kind, language));
    }

    /** Saves the template (the one sent from now on); a refused one changes nothing. */
    @Transactional
    public MailTemplateView save(String accountId, SaveMailTemplate given) {
        var template = checked(given);
        store.save(accountId, template, clock.instant());
        return view(template);
    }

    /** Goes back to the built-in message for the kind and language; answers whether there was a template of the account's. */
    @Transactional
    public boolean reset(String accountId, MailKind kind, String language) {
        checkKindAndLanguage(kind, language);
        return store.delete(accountId, kind, language);
    }

    /** The template as a sample ticket's recipient would read it, with the account's branding; checked as a save is, nothing stored. */
    @Transactional(readOnly = true)
    public MailPreview preview(String accountId, SaveMailTemplate given) {
        var template = checked(given);
        var account = accounts.get(accountId);
        Locale locale = MailTemplates.locale(template.language());
        String sampleLink = publicUrl + "/portal/sample";
        var rating = template.kind() == MailKind.TICKET_FINISHED ? sampleRating(locale) : null;
        String message = templates.text(locale, "mail.template.sample.message");
        var content = new MailTemplates.Content(null, null, List.of(), "<p>" + Html.escape(message) + "</p>", message, null, null,
                sampleLink, List.of(), List.of(), rating);
        Map<String, String> values = new HashMap<>();
        values.put("customer.name", "Maria Lima");
        values.put("customer.email", "maria@example.com");
        values.put("ticket.protocol", "1042");
        values.put("ticket.subject", templates.text(locale, "mail.template.sample.subject"));
        values.put("department.name", templates.text(locale, "mail.template.sample.department"));
        values.put("operator.name", "Ana Souza");
        values.put("account.name", account.name());
        values.put("link.expiry", DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                .withZone(account.timeZone() == null ? ZoneId.of("UTC") : account.timeZone()).format(clock.instant().plus(Duration.ofDays(2))));
        values.put("mail.subject", templates.text(locale, "mail.template.sample.subject"));
        values.put("reason", templates.text(locale, "mail.auto_answer.unknown_sender", account.name()));
        values.put("files", "contrato.pdf, foto.jpg");
        var rendered = templates.render(account, locale, template, content, values);
        return new MailPreview(rendered.subject(), rendered.text(), rendered.html());
    }

    private MailTemplates.Rating sampleRating(Locale locale) {
        String link = publicUrl + "/portal/rating/sample";
        return templates.rating(locale, link);
    }

    private MailTemplateStore.Stored checked(SaveMailTemplate given) {
        checkKindAndLanguage(given.kind(), given.language());
        var rules = rules(given.kind());
        String subject = canonical(given.subject() == null ? "" : given.subject().replaceAll("\\R+", " ").strip());
        String text = canonical(given.text() == null ? "" : given.text().replace("\r\n", "\n").strip());
        String html = canonical(given.html() == null ? "" : given.html().replace("\r\n", "\n").strip());
        required("subject", subject, MAX_SUBJECT);
        required("text", text, MAX_TEXT);
        if (html.length() > MAX_HTML) {
            throw new InvalidInputException("html", "mail.template.too_long", MAX_HTML);
        }
        List<String> inSubject = rules.placeholders().stream().filter(name -> !MailTemplateKinds.BLOCKS.contains(name)).toList();
        known("subject", subject, inSubject);
        known("text", text, rules.placeholders());
        known("html", html, rules.placeholders());
        if (html.isEmpty()) {
            html = fromText(text);
        }
        for (var name : rules.required()) {
            if (!Placeholders.namesIn(text).contains(name)) {
                throw new InvalidInputException("text", "mail.template.missing_placeholder", "{{" + name + "}}");
            }
            if (!Placeholders.namesIn(html).contains(name)) {
                throw new InvalidInputException("html", "mail.template.missing_placeholder", "{{" + name + "}}");
            }
        }
        var inTag = BLOCK_IN_TAG.matcher(html);
        if (inTag.find()) {
            throw new InvalidInputException("html", "mail.template.block_in_tag", "{{" + inTag.group(1) + "}}");
        }
        return new MailTemplateStore.Stored(given.kind(), given.language(), subject, text, sanitized(html));
    }

    private static void required(String parameter, String value, int max) {
        if (value.isEmpty()) {
            throw new InvalidInputException(parameter, "mail.template.required");
        }
        if (value.length() > max) {
            throw new InvalidInputException(parameter, "mail.template.too_long", max);
        }
    }

    /** Refuses the placeholders the kind does not know, naming them all and the known ones. */
    private static void known(String parameter, String text, List<String> allowed) {
        Set<String> unknown = new LinkedHashSet<>(Placeholders.namesIn(text));
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(parameter, "mail.template.unknown_placeholder",
                    String.join(", ", unknown.stream().map(name -> "{{" + name + "}}").toList()),
                    String.join(", ", allowed.stream().map(name -> "{{" + name + "}}").toList()));
        }
    }

    /** The text with each placeholder written {@code {{name}}}, so that checks and the sanitizer see one form. */
    private static String canonical(String text) {
        return PLACEHOLDER.matcher(text).replaceAll(match -> java.util.regex.Matcher.quoteReplacement("{{" + match.group(1) + "}}"));
    }

    /**
     * The HTML through the project's sanitizer. Placeholders stand in as absolute addresses meanwhile, so that
     * {@code <a href="{{link}}">} keeps its address (the sanitizer drops links it cannot tell are http or https).
     */
    private static String sanitized(String html) {
        List<String> found = new ArrayList<>();
        String protectedHtml = PLACEHOLDER.matcher(html).replaceAll(match -> {
            found.add(match.group());
            return PROTECTED + (found.size() - 1) + "/";
        });
        String clean = Html.sanitize(protectedHtml);
        for (int index = 0; index < found.size(); index++) {
            clean = clean.replace(PROTECTED + index + "/", found.get(index));
        }
        return clean;
    }

    /** HTML made from a text: a paragraph per block of lines, a block placeholder standing alone as its own block. */
    private static String fromText(String text) {
        var html = new StringBuilder();
        for (var paragraph : text.split("\\n\\s*\\n")) {
            String trimmed = paragraph.strip();
            if (MailTemplateKinds.BLOCKS.stream().anyMatch(block -> trimmed.equals("{{" + block + "}}"))) {
                html.append(trimmed).append('\n');
            } else if (!trimmed.isEmpty()) {
                html.append("<p>").append(Html.escape(trimmed).replace("\n", "<br>")).append("</p>\n");
            }
        }
        return html.toString().strip();
    }

    /** A starting point for a kind and language written from the built-in message's own sentences. */
    private MailTemplateView starter(MailKind kind, String language) {
        Locale locale = MailTemplates.locale(language);
        List<String> paragraphs = new ArrayList<>();
        String subject;
        String linkLabel = null;
        switch (kind) {
            case OPERATOR_REPLIED, TICKET_FINISHED -> {
                String prefix = kind == MailKind.OPERATOR_REPLIED ? "mail.operator_replied" : "mail.ticket_finished";
                subject = templates.text(locale, prefix + ".subject", p("ticket.protocol"), p("ticket.subject"));
                paragraphs.add(templates.text(locale, "mail.greeting", p("customer.name")));
                paragraphs.add(templates.text(locale, prefix + ".intro", p("operator.name"), p("ticket.protocol"), p("ticket.subject")));
                paragraphs.add(p("message"));
                if (kind == MailKind.TICKET_FINISHED) {
                    paragraphs.add(p("rating"));
                }
            }
            case ACKNOWLEDGEMENT -> {
                subject = templates.text(locale, "mail.acknowledgement.subject", p("ticket.protocol"), p("ticket.subject"));
                paragraphs.add(templates.text(locale, "mail.greeting", p("customer.name")));
                paragraphs.add(templates.text(locale, "mail.acknowledgement.intro", p("ticket.protocol"), p("ticket.subject"),
                        p("department.name")));
            }
            case PORTAL_INVITATION, PORTAL_PASSWORD_RESET, OPERATOR_PASSWORD_RESET -> {
                String prefix = kind == MailKind.PORTAL_INVITATION ? "mail.portal_invitation"
                        : kind == MailKind.PORTAL_PASSWORD_RESET ? "mail.portal_reset" : "mail.operator_reset";
                subject = templates.text(locale, prefix + ".subject", p("account.name"));
                paragraphs.add(templates.text(locale, "mail.greeting",
                        p(kind == MailKind.OPERATOR_PASSWORD_RESET ? "operator.name" : "customer.name")));
                paragraphs.add(templates.text(locale, prefix + ".intro", p("account.name")));
                linkLabel = templates.text(locale, prefix + ".button");
                paragraphs.add(p("link"));
                paragraphs.add(templates.text(locale, "mail.link_expiry", p("link.expiry")));
            }
            case AUTO_ANSWER -> {
                subject = templates.text(locale, "mail.auto_answer.subject", p("mail.subject"));
                paragraphs.add(p("reason"));
            }
            case FILES_DROPPED -> {
                subject = templates.text(locale, "mail.files_dropped.subject", p("ticket.protocol"), p("ticket.subject"));
                paragraphs.add(templates.text(locale, "mail.greeting", p("customer.name")));
                paragraphs.add(templates.text(locale, "mail.files_dropped.intro", p("ticket.protocol"),
                        io.atende.attachment.AttachmentManagement.MAX_FILES, InboundProcessor.MAX_BYTES / (1024 * 1024), p("files")));
            }
            case TICKET_CREATED -> {
                subject = templates.text(locale, "mail.ticket_created.subject", p("ticket.protocol"), p("ticket.subject"));
                paragraphs.add(templates.text(locale, "mail.ticket_created.intro", p("customer.name"), p("ticket.protocol"),
                        p("ticket.subject"), p("department.name")));
                paragraphs.add(p("message"));
            }
            case CUSTOMER_REPLIED -> {
                subject = templates.text(locale, "mail.customer_replied.subject", p("ticket.protocol"), p("ticket.subject"));
                paragraphs.add(templates.text(locale, "mail.customer_replied.intro", p("customer.name"), p("ticket.protocol"),
                        p("ticket.subject")));
                paragraphs.add(p("message"));
            }
            default -> throw new NotFoundException("mail.template.no_such_kind", kind.wireName());
        }
        var text = new StringBuilder();
        var html = new StringBuilder();
        for (var paragraph : paragraphs) {
            if (paragraph.equals(p("link"))) {
                text.append(linkLabel).append(": ").append(paragraph).append("\n\n");
                html.append("<p><a href=\"").append(paragraph).append("\">").append(Html.escape(linkLabel)).append("</a></p>\n");
            } else if (MailTemplateKinds.BLOCKS.stream().anyMatch(block -> paragraph.equals(p(block)))) {
                text.append(paragraph).append("\n\n");
                html.append(paragraph).append('\n');
            } else {
                text.append(paragraph).append("\n\n");
                html.append("<p>").append(Html.escape(paragraph)).append("</p>\n");
            }
        }
        return new MailTemplateView(kind, language, false, subject, text.toString().strip(), html.toString().strip());
    }

    private static String p(String name) {
        return "{{" + name + "}}";
    }

    private static MailTemplateView view(MailTemplateStore.Stored template) {
        return new MailTemplateView(template.kind(), template.language(), true, template.subject(), template.text(), template.html());
    }

    private static void checkKindAndLanguage(MailKind kind, String language) {
        if (kind == null || !MailTemplateKinds.customizable(kind)) {
            throw new NotFoundException("mail.template.no_such_kind", kind == null ? "" : kind.wireName());
        }
        if (!MailTemplateKinds.LANGUAGES.contains(language)) {
            throw new NotFoundException("mail.template.no_such_language", String.valueOf(language));
        }
    }

    private static MailTemplateKinds.Rules rules(MailKind kind) {
        var rules = MailTemplateKinds.rules(kind);
        if (rules == null) {
            throw new NotFoundException("mail.template.no_such_kind", kind.wireName());
        }
        return rules;
    }
}
