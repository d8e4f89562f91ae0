package io.atende.console.admin;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.account.AccountManagement;
import io.atende.account.IssueToken;
import io.atende.account.TokenScope;
import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.platform.InvalidInputException;
import io.atende.platform.PageRequest;
import io.atende.platform.RateLimit;
import io.atende.platform.RuleViolationException;

import org.springframework.http.CacheControl;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * API tokens: issue one with a scope, an allow-list and a rate limit, see its secret once (on the
 * answer to the form, never stored in the session or shown again), revoke it.
 */
@Controller
class TokenAdminController {

    private final AccountManagement accounts;
    private final ConsoleMessages messages;

    TokenAdminController(AccountManagement accounts, ConsoleMessages messages) {
        this.accounts = accounts;
        this.messages = messages;
    }

    @GetMapping("/console/admin/tokens")
    String list(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "page", defaultValue = "1") int page, Model model) {
        model.addAttribute("section", "admin");
        model.addAttribute("tokens", accounts.listTokens(me.accountId(), PageRequest.of(Math.max(page, 1))));
        model.addAttribute("scopes", TokenScope.values());
        var account = accounts.get(me.accountId());
        model.addAttribute("accountLimit", account.rateLimit());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new TokenForm(null, "read", "", null, null));
        }
        return "console/admin/tokens";
    }

    @PostMapping("/console/admin/tokens")
    String issue(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "name", required = false) String name,
                 @RequestParam(name = "scope", required = false) String scope,
                 @RequestParam(name = "allowed_ips", required = false) String allowedIps,
                 @RequestParam(name = "rate_limit_per_second", required = false) String perSecond,
                 @RequestParam(name = "rate_limit_burst", required = false) String burst,
                 Model model, Locale locale, HttpServletResponse response) {
        var form = new TokenForm(name, scope, allowedIps, perSecond, burst);
        try {
            var issued = accounts.issueToken(me.accountId(), new IssueToken(name,
                    TokenScope.fromWireName(scope).orElseThrow(() -> new InvalidInputException("scope", "parameter.not_one_of", "read, write, admin")),
                    ranges(allowedIps), limit(perSecond, burst)));
            // Answered directly, not through a redirect: the secret lives in this one response only.
            response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
            model.addAttribute("issued", issued);
            model.addAttribute("notice", "admin.tokens.issued");
        } catch (InvalidInputException | RuleViolationException refused) {
            FormError.show(refused, "create", messages, locale, model, response);
            model.addAttribute("form", form);
        }
        return list(me, 1, model);
    }

    @PostMapping("/console/admin/tokens/{id}/revoke")
    String revoke(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id,
                  Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            accounts.revokeToken(me.accountId(), id);
        } catch (RuleViolationException refused) {
            FormError.show(refused, "revoke:" + id, messages, locale, model, response);
            return list(me, 1, model);
        }
        redirect.addFlashAttribute("notice", "admin.tokens.revoked_notice");
        return "redirect:/console/admin/tokens";
    }

    /** Addresses or ranges separated by commas, spaces or new lines. */
    private static List<String> ranges(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[,\\s]+")).filter(range -> !range.isBlank()).toList();
    }

    /** Both numbers, or neither (the account's limit). */
    private static RateLimit limit(String perSecond, String burst) {
        boolean noRate = perSecond == null || perSecond.isBlank();
        boolean noBurst = burst == null || burst.isBlank();
        if (noRate && noBurst) {
            return null;
        }
        int rate = positive("rate_limit_per_second", perSecond);
        int peak = positive("rate_limit_burst", burst);
        return new RateLimit(rate, peak);
    }

    private static int positive(String parameter, String text) {
        try {
            int value = Integer.parseInt(text == null ? "" : text.strip());
            if (value >= 1 && value <= AccountManagement.MAX_RATE_LIMIT) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new InvalidInputException(parameter, "parameter.out_of_range", 1, AccountManagement.MAX_RATE_LIMIT);
    }

    /** What the token form shows: the defaults, or what was typed when it was refused. */
    record TokenForm(String name, String scope, String allowedIps, String perSecond, String burst) {
    }
}
