package io.atende.helpcenter;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atende.account.AccountView;
import io.atende.knowledge.ArticleFilter;
import io.atende.knowledge.KbArticle;
import io.atende.knowledge.KbCategory;
import io.atende.knowledge.KnowledgeBase;
import io.atende.platform.Branding;
import io.atende.platform.NotFoundException;
import io.atende.platform.Page;
import io.atende.platform.PageRequest;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The public help center: server-rendered pages, no login, published articles only. Not part of
 * the API: its failures are HTML pages (a 404 page for anything unknown or unpublished).
 */
@Controller
class HelpCenterController {

    static final int RECENT_ARTICLES = 10;
    static final int PAGE_SIZE = 20;
    private static final String SITE = HelpCenterController.class.getName() + ".site";

    private final KnowledgeBase knowledge;
    private final HelpCenterAccounts accounts;
    private final MessageSource messages;

    HelpCenterController(KnowledgeBase knowledge, HelpCenterAccounts accounts, MessageSource messages) {
        this.knowledge = knowledge;
        this.accounts = accounts;
        this.messages = messages;
    }

    /** What every page shows of the account: its name, where its pages live, its colours. */
    record Site(String accountId, String name, String root, String accent, String onAccent, String link, ZoneId zone) {
    }

    record CategoryLink(String name, String description, String url, long count) {
    }

    record ArticleLink(String title, String summary, String url, String categoryName, String categoryUrl, String date,
                       String displayDate) {
    }

    @GetMapping({"/kb", "/kb/", "/accounts/{accountId}/kb", "/accounts/{accountId}/kb/"})
    String home(@PathVariable(required = false) String accountId, HttpServletRequest request, Model model) {
        var site = site(accountId, request, model);
        var categories = knowledge.listCategories(site.accountId());
        var recent = knowledge.listArticles(site.accountId(), ArticleFilter.publishedOnly(), new PageRequest(1, RECENT_ARTICLES));
        var counts = knowledge.publishedCounts(site.accountId());
        model.addAttribute("recent", links(site, recent.items(), categories));
        model.addAttribute("categories", categories.stream().filter(category -> counts.containsKey(category.id()))
                .map(category -> new CategoryLink(category.name(), category.description(), categoryUrl(site, category),
                        counts.get(category.id())))
                .toList());
        head(model, request, site, text("kb.page.help_center"), text("kb.page.home_description", site.name()), site.root(), false);
        return "kb/home";
    }

    @GetMapping({"/kb/search", "/accounts/{accountId}/kb/search"})
    String search(@PathVariable(required = false) String accountId, @RequestParam(name = "q", required = false) String query,
                  @RequestParam(name = "page", required = false) String page, HttpServletRequest request, Model model) {
        var site = site(accountId, request, model);
        String q = query == null ? "" : query.strip();
        if (q.length() > 250) {
            q = q.substring(0, 250);
        }
        model.addAttribute("query", q);
        String path = site.root() + "/search";
        if (!q.isEmpty()) {
            var found = knowledge.listArticles(site.accountId(), new ArticleFilter(null, q, true), pageRequest(page));
            requireExists(found);
            model.addAttribute("results", links(site, found.items(), knowledge.listCategories(site.accountId())));
            model.addAttribute("total", found.total());
            paging(model, found, UriComponentsBuilder.fromPath(path).queryParam("q", q));
        }
        String canonical = q.isEmpty() ? path : UriComponentsBuilder.fromPath(path).queryParam("q", q).encode().build().toUriString();
        head(model, request, site, text("kb.page.search_title"), text("kb.page.search_label"), canonical, true);
        return "kb/search";
    }

    @GetMapping({"/kb/{category}", "/accounts/{accountId}/kb/{category}"})
    String category(@PathVariable(required = false) String accountId, @PathVariable("category") String categorySlug,
                    @RequestParam(name = "page", required = false) String page, HttpServletRequest request, Model model) {
        var site = site(accountId, request, model);
        var category = knowledge.findCategoryBySlug(site.accountId(), categorySlug)
                .orElseThrow(() -> new NotFoundException("kb.category.not_found", categorySlug));
        var found = knowledge.listArticles(site.accountId(), new ArticleFilter(category.id(), null, true), pageRequest(page));
        if (found.total() == 0) {
            // A category of drafts only is not public yet: its name may announce what is still being written.
            throw new NotFoundException("kb.category.not_found", categorySlug);
        }
        requireExists(found);
        model.addAttribute("category", category);
        model.addAttribute("articles", links(site, found.items(), List.of(category)));
        String url = categoryUrl(site, category);
        paging(model, found, UriComponentsBuilder.fromPath(url));
        String description = category.description() != null ? category.description() : text("kb.page.category_description", category.name());
        head(model, request, site, category.name(), description, found.request().page() > 1 ? url + "?page=" + found.request().page() : url,
                false);
        return "kb/category";
    }

    @GetMapping({"/kb/{category}/{article}", "/accounts/{accountId}/kb/{category}/{article}"})
    String article(@PathVariable(required = false) String accountId, @PathVariable("category") String categorySlug,
                   @PathVariable("article") String articleSlug, HttpServletRequest request, Model model) {
        var site = site(accountId, request, model);
        var article = knowledge.findPublished(site.accountId(), categorySlug, articleSlug)
                .orElseThrow(() -> new NotFoundException("kb.article.not_found", articleSlug));
        var category = knowledge.getCategory(site.accountId(), article.categoryId());
        knowledge.recordView(site.accountId(), article.id(), request.getRemoteAddr(), request.getHeader("User-Agent"));
        model.addAttribute("article", article);
        model.addAttribute("category", new CategoryLink(category.name(), category.description(), categoryUrl(site, category), 0));
        model.addAttribute("date", article.updatedAt().atZone(site.zone()).toLocalDate().toString());
        model.addAttribute("displayDate", displayDate(article.updatedAt(), site.zone()));
        head(model, request, site, article.title(), article.summary(), categoryUrl(site, category) + "/" + article.slug(), false);
        return "kb/article";
    }

    @GetMapping({"/kb/**", "/accounts/{accountId}/kb/**"})
    String unknown(@PathVariable(required = false) String accountId) {
        throw new NotFoundException("request.not_found");
    }

    /** Unknown accounts, categories, articles (or unpublished ones) and pages: an HTML page, never the API envelope. */
    @ExceptionHandler(NotFoundException.class)
    String notFound(HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        var site = request.getAttribute(SITE) instanceof Site known ? known : anonymousSite();
        model.addAttribute("site", site);
        model.addAttribute("lang", LocaleContextHolder.getLocale().toLanguageTag());
        model.addAttribute("pageTitle", text("kb.page.not_found_title"));
        model.addAttribute("description", text("kb.page.not_found_text"));
        model.addAttribute("noindex", true);
        return "kb/not-found";
    }

    private Site site(String accountId, HttpServletRequest request, Model model) {
        String host = request.getServerName();
        AccountView account = accountId == null ? accounts.forHost(host) : accounts.named(accountId);
        var brand = Branding.of(account.accentColor());
        var site = new Site(account.id(), account.name(), accounts.root(account, host), brand.accent(), brand.onAccent(), brand.link(),
                account.timeZone());
        request.setAttribute(SITE, site);
        model.addAttribute("site", site);
        model.addAttribute("lang", LocaleContextHolder.getLocale().toLanguageTag());
        return site;
    }

    private Site anonymousSite() {
        var brand = Branding.of(null);
        return new Site(null, text("kb.page.help_center"), "/kb", brand.accent(), brand.onAccent(), brand.link(), ZoneId.of("UTC"));
    }

    private void head(Model model, HttpServletRequest request, Site site, String title, String description, String path, boolean noindex) {
        model.addAttribute("pageTitle", title);
        model.addAttribute("description", description);
        model.addAttribute("canonical", accounts.canonicalBase(request.getServerName()) + path);
        model.addAttribute("noindex", noindex);
    }

    private List<ArticleLink> links(Site site, List<KbArticle> articles, List<KbCategory> categories) {
        Map<String, KbCategory> byId = categories.stream().collect(Collectors.toMap(KbCategory::id, Function.identity()));
        return articles.stream().map(article -> {
            var category = byId.get(article.categoryId());
            if (category == null) {
                category = knowledge.getCategory(site.accountId(), article.categoryId());
            }
            String categoryUrl = categoryUrl(site, category);
            return new ArticleLink(article.title(), article.summary(), categoryUrl + "/" + article.slug(), category.name(), categoryUrl,
                    article.createdAt().atZone(site.zone()).toLocalDate().toString(), displayDate(article.createdAt(), site.zone()));
        }).toList();
    }

    private static void paging(Model model, Page<?> page, UriComponentsBuilder url) {
        int current = page.request().page();
        if (current < page.pages()) {
            model.addAttribute("olderUrl", url.cloneBuilder().replaceQueryParam("page", current + 1).encode().build().toUriString());
        }
        if (current > 1) {
            var newer = url.cloneBuilder();
            if (current == 2) {
                newer.replaceQueryParam("page");
            } else {
                newer.replaceQueryParam("page", current - 1);
            }
            model.addAttribute("newerUrl", newer.encode().build().toUriString());
        }
    }

    private static PageRequest pageRequest(String page) {
        if (page == null) {
            return new PageRequest(1, PAGE_SIZE);
        }
        try {
            int number = Integer.parseInt(page.strip());
            if (number >= 1) {
                return new PageRequest(number, PAGE_SIZE);
            }
        } catch (NumberFormatException notANumber) {
            // below
        }
        throw new NotFoundException("page.not_found", page, 0);
    }

    private static void requireExists(Page<?> page) {
        if (page.isBeyondLast()) {
            throw new NotFoundException("page.not_found", page.request().page(), page.pages());
        }
    }

    private static String categoryUrl(Site site, KbCategory category) {
        return site.root() + "/" + category.slug();
    }

    private static String displayDate(Instant instant, ZoneId zone) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(LocaleContextHolder.getLocale())
                .format(instant.atZone(zone));
    }

    private String text(String key, Object... arguments) {
        Locale locale = LocaleContextHolder.getLocale();
        return messages.getMessage(key, arguments, locale);
    }
}
