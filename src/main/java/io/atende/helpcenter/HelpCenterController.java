package io.atende.helpcenter;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
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
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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
    static final int RELATED_ARTICLES = 5;
    static final String VISITOR_COOKIE = "atende_kb_visitor";
    private static final Pattern VISITOR_ID = Pattern.compile("[A-Za-z0-9_-]{22,64}");
    private static final SecureRandom RANDOM = new SecureRandom();
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
            var found = knowledge.listArticles(site.accountId(), ArticleFilter.publicArticles(null, q), pageRequest(page));
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
        var found = knowledge.listArticles(site.accountId(), ArticleFilter.publicArticles(category.id(), null), pageRequest(page));
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
                   @PathVariable("article") String articleSlug, @RequestParam(name = "voted", required = false) String voted,
                   HttpServletRequest request, Model model) {
        var site = site(accountId, request, model);
        var article = knowledge.findPublished(site.accountId(), categorySlug, articleSlug)
                .orElseThrow(() -> new NotFoundException("kb.article.not_found", articleSlug));
        var category = knowledge.getCategory(site.accountId(), article.categoryId());
        knowledge.recordView(site.accountId(), article.id(), request.getRemoteAddr(), request.getHeader("User-Agent"));
        model.addAttribute("article", article);
        model.addAttribute("related", links(site, knowledge.related(site.accountId(), article, RELATED_ARTICLES),
                knowledge.listCategories(site.accountId())));
        model.addAttribute("voteUrl", categoryUrl(site, category) + "/" + article.slug() + "/vote");
        model.addAttribute("voted", voted);
        model.addAttribute("requestUrl", "/portal/tickets/new?account=" + site.accountId());
        model.addAttribute("category", new CategoryLink(category.name(), category.description(), categoryUrl(site, category), 0));
        model.addAttribute("date", article.updatedAt().atZone(site.zone()).toLocalDate().toString());
        model.addAttribute("displayDate", displayDate(article.updatedAt(), site.zone()));
        head(model, request, site, article.title(), article.summary(), categoryUrl(site, category) + "/" + article.slug(), false);
        return "kb/article";
    }

    /**
     * A reader's answer to "was this helpful?" ({@code helpful=yes|no}), then back to the article. The
     * visitor is a random id kept in a cookie of the help center: one vote per browser and article, a
     * later answer replacing the earlier one; no sign-in.
     */
    @PostMapping({"/kb/{category}/{article}/vote", "/accounts/{accountId}/kb/{category}/{article}/vote"})
    String vote(@PathVariable(required = false) String accountId, @PathVariable("category") String categorySlug,
                @PathVariable("article") String articleSlug, @RequestParam(name = "helpful", required = false) String helpful,
                @CookieValue(name = VISITOR_COOKIE, required = false) String visitor, HttpServletRequest request,
                HttpServletResponse response, Model model) {
        var site = site(accountId, request, model);
        var article = knowledge.findPublished(site.accountId(), categorySlug, articleSlug)
                .orElseThrow(() -> new NotFoundException("kb.article.not_found", articleSlug));
        String url = site.root() + "/" + categorySlug + "/" + article.slug();
        if (!"yes".equals(helpful) && !"no".equals(helpful)) {
            // Not a vote (a form sent by hand): back to the article, nothing counted.
            return "redirect:" + url;
        }
        String id = visitor != null && VISITOR_ID.matcher(visitor).matches() ? visitor : newVisitor();
        if (!id.equals(visitor)) {
            var cookie = ResponseCookie.from(VISITOR_COOKIE, id).path("/").maxAge(Duration.ofDays(365)).httpOnly(true)
                    .sameSite("Lax").secure(request.isSecure()).build();
            response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
        }
        knowledge.vote(site.accountId(), article.id(), id, "yes".equals(helpful));
        return "redirect:" + url + "?voted=" + helpful + "#helpful";
    }

    /**
     * An image of the account's articles, by id. Its bytes never change under an id, so browsers and
     * caches may keep it for a year; its type is the one sniffed when it was uploaded.
     */
    @GetMapping({"/kb/-/images/{imageId}", "/accounts/{accountId}/kb/-/images/{imageId}"})
    void image(@PathVariable(required = false) String accountId, @PathVariable("imageId") String imageId, HttpServletRequest request,
               HttpServletResponse response, Model model) throws IOException {
        var site = site(accountId, request, model);
        var image = knowledge.image(site.accountId(), imageId);
        response.setContentType(image.contentType());
        response.setContentLengthLong(image.size());
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable().getHeaderValue());
        response.setHeader("X-Content-Type-Options", "nosniff");
        knowledge.copyImage(site.accountId(), imageId, response.getOutputStream());
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

    private static String newVisitor() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
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
