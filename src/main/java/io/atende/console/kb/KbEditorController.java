package io.atende.console.kb;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.account.AccountManagement;
import io.atende.attachment.NewAttachment;
import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.knowledge.ArticleDraft;
import io.atende.knowledge.ArticleFilter;
import io.atende.knowledge.ArticleVotes;
import io.atende.knowledge.CategoryDraft;
import io.atende.knowledge.KbArticle;
import io.atende.knowledge.KnowledgeBase;
import io.atende.platform.AtendeException;
import io.atende.platform.Branding;
import io.atende.platform.Html;
import io.atende.platform.InvalidInputException;
import io.atende.platform.PageRequest;
import io.atende.platform.PublicAddress;
import io.atende.platform.RuleViolationException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The knowledge-base editor: categories, the article list, writing, preview, publish and unpublish. */
@Controller
class KbEditorController {

    private final KnowledgeBase knowledge;
    private final AccountManagement accounts;
    private final ConsoleMessages messages;
    private final Clock clock;
    private final PublicAddress publicAddress;

    KbEditorController(KnowledgeBase knowledge, AccountManagement accounts, ConsoleMessages messages, Clock clock,
                       PublicAddress publicAddress) {
        this.knowledge = knowledge;
        this.accounts = accounts;
        this.messages = messages;
        this.clock = clock;
        this.publicAddress = publicAddress;
    }

    @GetMapping("/console/kb")
    String articles(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "category_id", required = false) String categoryId,
                    @RequestParam(name = "q", required = false) String search,
                    @RequestParam(name = "state", required = false) String state,
                    @RequestParam(name = "page", defaultValue = "1") int page, Model model) {
        String category = blankToNull(categoryId);
        Boolean published = "published".equals(state) ? Boolean.TRUE : "draft".equals(state) ? Boolean.FALSE : null;
        Boolean internal = "internal".equals(state) ? Boolean.TRUE : null;
        var categories = knowledge.listCategories(me.accountId());
        model.addAttribute("section", "kb");
        model.addAttribute("categories", categories);
        var articles = knowledge.listArticles(me.accountId(), new ArticleFilter(category, blankToNull(search), published, internal),
                PageRequest.of(Math.max(page, 1)));
        model.addAttribute("articles", articles);
        model.addAttribute("votes", knowledge.votes(me.accountId(), articles.items().stream().map(KbArticle::id).toList()));
        model.addAttribute("filter", new Filter(category, search, state));
        return "console/kb/articles";
    }

    @GetMapping("/console/kb/categories")
    String categories(@AuthenticationPrincipal ConsoleOperator me, Model model) {
        model.addAttribute("section", "kb");
        model.addAttribute("categories", knowledge.listCategories(me.accountId()));
        model.addAttribute("counts", knowledge.publishedCounts(me.accountId()));
        return "console/kb/categories";
    }

    @PostMapping("/console/kb/categories")
    String createCategory(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "name", required = false) String name,
                          @RequestParam(name = "description", required = false) String description,
                          Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            knowledge.createCategory(me.accountId(), new CategoryDraft(name == null ? "" : name, null, description, null));
        } catch (InvalidInputException | RuleViolationException refused) {
            refuse(refused, "create", model, locale, response);
            return categories(me, model);
        }
        redirect.addFlashAttribute("notice", "kb.editor.category_created");
        return "redirect:/console/kb/categories";
    }

    @PostMapping("/console/kb/categories/{id}")
    String renameCategory(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id,
                          @RequestParam(name = "name", required = false) String name,
                          @RequestParam(name = "description", required = false) String description,
                          Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            knowledge.updateCategory(me.accountId(), id, new CategoryDraft(name == null ? "" : name, null,
                    description == null ? "" : description, null));
        } catch (InvalidInputException | RuleViolationException refused) {
            refuse(refused, "rename:" + id, model, locale, response);
            return categories(me, model);
        }
        redirect.addFlashAttribute("notice", "kb.editor.category_saved");
        return "redirect:/console/kb/categories";
    }

    @PostMapping("/console/kb/categories/{id}/delete")
    String deleteCategory(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id,
                          Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            knowledge.deleteCategory(me.accountId(), id);
        } catch (RuleViolationException refused) {
            refuse(refused, "delete:" + id, model, locale, response);
            return categories(me, model);
        }
        redirect.addFlashAttribute("notice", "kb.editor.category_deleted");
        return "redirect:/console/kb/categories";
    }

    @GetMapping("/console/kb/articles/new")
    String newArticle(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "category_id", required = false) String categoryId,
                      Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new ArticleForm(null, categoryId, "", "", "", false, false));
        }
        return editor(me, model);
    }

    @PostMapping("/console/kb/articles")
    String create(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "category_id", required = false) String categoryId,
                  @RequestParam(name = "title", required = false) String title,
                  @RequestParam(name = "summary", required = false) String summary,
                  @RequestParam(name = "body", required = false) String body,
                  @RequestParam(name = "published", defaultValue = "false") boolean published,
                  @RequestParam(name = "internal", defaultValue = "false") boolean internal,
                  Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        var form = new ArticleForm(null, categoryId, title, summary, body, published, internal);
        try {
            var created = knowledge.createArticle(me.accountId(), new ArticleDraft(blankToNull(categoryId), title, null,
                    blankToNull(summary), body, published, internal));
            redirect.addFlashAttribute("notice", published ? "kb.editor.published" : "kb.editor.saved");
            return "redirect:/console/kb/articles/" + created.id();
        } catch (InvalidInputException | RuleViolationException refused) {
            refuse(refused, "article", model, locale, response);
            model.addAttribute("form", form);
            return editor(me, model);
        }
    }

    @GetMapping("/console/kb/articles/{id}")
    String edit(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id, Model model) {
        var article = knowledge.getArticle(me.accountId(), id);
        model.addAttribute("article", article);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new ArticleForm(article.id(), article.categoryId(), article.title(), article.summary(), article.body(),
                    article.published(), article.internal()));
        }
        model.addAttribute("publicUrl", publicUrl(me, article));
        model.addAttribute("votes", knowledge.votes(me.accountId(), List.of(article.id())).getOrDefault(article.id(), ArticleVotes.NONE));
        return editor(me, model);
    }

    @PostMapping("/console/kb/articles/{id}")
    String update(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id,
                  @RequestParam(name = "category_id", required = false) String categoryId,
                  @RequestParam(name = "title", required = false) String title,
                  @RequestParam(name = "summary", required = false) String summary,
                  @RequestParam(name = "body", required = false) String body,
                  @RequestParam(name = "published", defaultValue = "false") boolean published,
                  @RequestParam(name = "internal", defaultValue = "false") boolean internal,
                  Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        knowledge.getArticle(me.accountId(), id);
        try {
            knowledge.updateArticle(me.accountId(), id, new ArticleDraft(blankToNull(categoryId), title == null ? "" : title,
                    null, summary == null ? "" : summary, body == null ? "" : body, published, internal));
        } catch (InvalidInputException | RuleViolationException refused) {
            refuse(refused, "article", model, locale, response);
            model.addAttribute("form", new ArticleForm(id, categoryId, title, summary, body, published, internal));
            return edit(me, id, model);
        }
        redirect.addFlashAttribute("notice", published ? "kb.editor.published" : "kb.editor.saved");
        return "redirect:/console/kb/articles/" + id;
    }

    @PostMapping("/console/kb/articles/{id}/publish")
    String publish(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id, RedirectAttributes redirect) {
        knowledge.publish(me.accountId(), id);
        redirect.addFlashAttribute("notice", "kb.editor.published");
        return "redirect:/console/kb/articles/" + id;
    }

    @PostMapping("/console/kb/articles/{id}/unpublish")
    String unpublish(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id, RedirectAttributes redirect) {
        knowledge.unpublish(me.accountId(), id);
        redirect.addFlashAttribute("notice", "kb.editor.unpublished");
        return "redirect:/console/kb/articles/" + id;
    }

    @PostMapping("/console/kb/articles/{id}/delete")
    String delete(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id, RedirectAttributes redirect) {
        knowledge.deleteArticle(me.accountId(), id);
        redirect.addFlashAttribute("notice", "kb.editor.deleted");
        return "redirect:/console/kb";
    }

    /**
     * Stores an image for the article being written and answers where it is served, for the editor to
     * insert: {@code {"url": ...}} (201), or {@code {"error": ...}} with 400 for a file too large or not
     * a PNG, JPEG, GIF or WebP image (nothing is stored then).
     */
    @PostMapping(path = "/console/kb/images", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Map<String, Object>> uploadImage(@AuthenticationPrincipal ConsoleOperator me,
                                                    @RequestParam(name = "image", required = false) MultipartFile image, Locale locale) {
        try {
            if (image == null || image.isEmpty()) {
                throw new InvalidInputException("image", "parameter.required");
            }
            var stored = knowledge.uploadImage(me.accountId(), new NewAttachment(image.getOriginalFilename(), image), image.getSize());
            String url = publicAddress.current().orElse("") + "/accounts/" + me.accountId() + "/kb/-/images/" + stored.id();
            return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", stored.id(), "url", url, "type", stored.contentType(),
                    "size", stored.size()));
        } catch (InvalidInputException refused) {
            return ResponseEntity.badRequest().body(Map.of("error", messages.text(refused, locale)));
        }
    }

    /**
     * The text being written, as the help center would show it: the same page template, with the
     * body sanitized the way the knowledge base sanitizes it when it is saved. Nothing is stored.
     */
    @PostMapping("/console/kb/preview")
    String preview(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "category_id", required = false) String categoryId,
                   @RequestParam(name = "title", required = false) String title,
                   @RequestParam(name = "summary", required = false) String summary,
                   @RequestParam(name = "body", required = false) String body, Model model, Locale locale) {
        var account = accounts.get(me.accountId());
        var colors = Branding.of(account.accentColor());
        String root = "/accounts/" + account.id() + "/kb";
        var category = blankToNull(categoryId) == null ? null : knowledge.getCategory(me.accountId(), categoryId);
        var now = clock.instant();
        model.addAttribute("site", new PreviewSite(account.name(), root, colors.accent(), colors.onAccent(), colors.link()));
        model.addAttribute("lang", locale.toLanguageTag());
        model.addAttribute("article", new KbArticle(null, categoryId, title == null ? "" : title, "", summary, Html.sanitize(body == null ? "" : body),
                false, false, 0, now, now));
        model.addAttribute("category", new PreviewCategory(category == null ? "" : category.name(),
                category == null ? root : root + "/" + category.slug()));
        model.addAttribute("date", now.atZone(account.timeZone()).toLocalDate().toString());
        model.addAttribute("displayDate", DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(now.atZone(account.timeZone())));
        model.addAttribute("pageTitle", title == null ? "" : title);
        model.addAttribute("description", summary);
        model.addAttribute("noindex", true);
        return "kb/article";
    }

    private String editor(ConsoleOperator me, Model model) {
        // The page's script keeps a generated summary in step with the body while it is written.
        var form = (ArticleForm) model.getAttribute("form");
        boolean empty = form.summary() == null || form.summary().isBlank();
        model.addAttribute("summaryGenerated", empty || form.id() != null && knowledge.summaryFollowsBody(me.accountId(), form.id())
                && form.summary().strip().equals(knowledge.getArticle(me.accountId(), form.id()).summary()));
        model.addAttribute("section", "kb");
        model.addAttribute("categories", knowledge.listCategories(me.accountId()));
        return "console/kb/editor";
    }

    private String publicUrl(ConsoleOperator me, KbArticle article) {
        var category = knowledge.getCategory(me.accountId(), article.categoryId());
        return "/accounts/" + me.accountId() + "/kb/" + category.slug() + "/" + article.slug();
    }

    private void refuse(AtendeException refused, String form, Model model, Locale locale, HttpServletResponse response) {
        boolean invalid = refused instanceof InvalidInputException;
        response.setStatus(invalid ? HttpServletResponse.SC_BAD_REQUEST : HttpServletResponse.SC_CONFLICT);
        model.addAttribute("error", new FormError(form, invalid ? ((InvalidInputException) refused).parameter() : null,
                messages.text(refused, locale)));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** The list's filters as the form shows them. */
    record Filter(String categoryId, String search, String state) {
    }

    /** What the article form shows: the stored article, or what was typed when it was refused. */
    record ArticleForm(String id, String categoryId, String title, String summary, String body, boolean published, boolean internal) {
    }

    /** A refusal shown next to the form that caused it, with the input to mark invalid. */
    record FormError(String form, String field, String message) {

        public boolean on(String candidate) {
            return form.equals(candidate);
        }

        public boolean marks(String candidateForm, String candidateField) {
            return form.equals(candidateForm) && candidateField.equals(field);
        }
    }

    /** The help center's header and colours, as its page template reads them. */
    record PreviewSite(String name, String root, String accent, String onAccent, String link) {
    }

    /** The breadcrumb's category, as the help center's page template reads it. */
    record PreviewCategory(String name, String url) {
    }
}
