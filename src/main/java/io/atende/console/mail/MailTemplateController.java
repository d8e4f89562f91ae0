package io.atende.console.mail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.mail.MailKind;
import io.atende.mail.MailTemplateManagement;
import io.atende.mail.MailTemplateView;
import io.atende.mail.SaveMailTemplate;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administration › E-mail › Templates: the account's own words for each kind of e-mail in each language, written with
 * placeholders, previewed for a sample ticket before saving, and reset to Atende's built-in message.
 */
@Controller
class MailTemplateController {

    private final MailTemplateManagement templates;
    private final ConsoleMessages messages;

    MailTemplateController(MailTemplateManagement templates, ConsoleMessages messages) {
        this.templates = templates;
        this.messages = messages;
    }

    /** One kind's row: whether each language is the account's own. */
    record Row(String kind, Map<String, Boolean> customized) {
    }

    /** A placeholder as the editor lists it. */
    record Placeholder(String name, String key, boolean required) {
    }

    @GetMapping("/console/admin/mail/templates")
    String list(@AuthenticationPrincipal ConsoleOperator me, Model model) {
        Map<String, Map<String, Boolean>> byKind = new LinkedHashMap<>();
        for (MailTemplateView view : templates.list(me.accountId())) {
            byKind.computeIfAbsent(view.kind().wireName(), kind -> new LinkedHashMap<>()).put(view.language(), view.customized());
        }
        model.addAttribute("rows", byKind.entrySet().stream().map(entry -> new Row(entry.getKey(), entry.getValue())).toList());
        model.addAttribute("languages", templates.languages());
        model.addAttribute("section", "admin");
        return "console/admin/mail-templates";
    }

    @GetMapping("/console/admin/mail/templates/{kind}/{language}")
    String edit(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("kind") String kind, @PathVariable("language") String language,
                Model model) {
        var view = templates.get(me.accountId(), kind(kind), language);
        return editor(model, view.kind(), language, view.customized(), view.subject(), view.text(), view.html());
    }

    @PostMapping("/console/admin/mail/templates/{kind}/{language}")
    String save(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("kind") String kind, @PathVariable("language") String language,
                @RequestParam(name = "subject", required = false) String subject, @RequestParam(name = "text", required = false) String text,
                @RequestParam(name = "html", required = false) String html, Model model, Locale locale, HttpServletResponse response,
                RedirectAttributes redirect) {
        MailKind mailKind = kind(kind);
        boolean customized = templates.get(me.accountId(), mailKind, language).customized();
        try {
            templates.save(me.accountId(), new SaveMailTemplate(mailKind, language, subject, text, html));
        } catch (InvalidInputException refused) {
            return refused(model, locale, response, refused, mailKind, language, customized, subject, text, html);
        }
        redirect.addFlashAttribute("notice", "mail.templates.saved");
        return "redirect:/console/admin/mail/templates/" + mailKind.wireName() + "/" + language;
    }

    /** The template as written in the form, for a sample ticket: nothing is saved or sent. */
    @PostMapping("/console/admin/mail/templates/{kind}/{language}/preview")
    String preview(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("kind") String kind, @PathVariable("language") String language,
                   @RequestParam(name = "subject", required = false) String subject, @RequestParam(name = "text", required = false) String text,
                   @RequestParam(name = "html", required = false) String html, Model model, Locale locale, HttpServletResponse response) {
        MailKind mailKind = kind(kind);
        boolean customized = templates.get(me.accountId(), mailKind, language).customized();
        try {
            model.addAttribute("preview", templates.preview(me.accountId(), new SaveMailTemplate(mailKind, language, subject, text, html)));
        } catch (InvalidInputException refused) {
            return refused(model, locale, response, refused, mailKind, language, customized, subject, text, html);
        }
        return editor(model, mailKind, language, customized, subject, text, html);
    }

    @PostMapping("/console/admin/mail/templates/{kind}/{language}/reset")
    String reset(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("kind") String kind, @PathVariable("language") String language,
                 RedirectAttributes redirect) {
        templates.reset(me.accountId(), kind(kind), language);
        redirect.addFlashAttribute("notice", "mail.templates.reset_done");
        return "redirect:/console/admin/mail/templates";
    }

    private String refused(Model model, Locale locale, HttpServletResponse response, InvalidInputException refused, MailKind kind,
                           String language, boolean customized, String subject, String text, String html) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("templateError", messages.text(refused, locale));
        model.addAttribute("templateField", refused.parameter());
        return editor(model, kind, language, customized, subject, text, html);
    }

    private String editor(Model model, MailKind kind, String language, boolean customized, String subject, String text, String html) {
        List<String> required = templates.required(kind);
        model.addAttribute("kind", kind.wireName());
        model.addAttribute("language", language);
        model.addAttribute("customized", customized);
        model.addAttribute("subject", subject);
        model.addAttribute("text", text);
        model.addAttribute("html", html);
        model.addAttribute("placeholders", templates.placeholders(kind).stream()
                .map(name -> new Placeholder("{{" + name + "}}", name, required.contains(name))).toList());
        model.addAttribute("section", "admin");
        return "console/admin/mail-template";
    }

    private static MailKind kind(String wireName) {
        return MailKind.fromWireName(wireName).orElseThrow(() -> new NotFoundException("mail.template.no_such_kind", wireName));
    }
}
