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
import io.atende.console.ConsoleVisibility;
import io.atende.department.DepartmentManagement;
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
 * API tokens: issue one with a scope, an allow-list, a rate limit and the departments it is limited to, see its secret once (on the
 * answer to the form, never stored in the session or shown again), revoke it.
 */
@Controller
class TokenAdminController {

    private final AccountManagement accounts;
    private final ConsoleMessages messages;
    private final DepartmentManagement departments;
    private final ConsoleVisibility visibility;

    TokenAdminController(AccountManagement accounts, ConsoleMessages messages, DepartmentManagement departments,
                         ConsoleVisibility visibility) {
        this.accounts = accounts;
        this.messages = messages;
        this.departments = departments;
        this.visibility = visibility;
    }

    @GetMapping("/console/admin/tokens")
    String list(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "page", defaultValue = "1") int page, Model model) {
        model.addAttribute("section", "admin");
        // An operator limited to departments sees and revokes only the tokens limited within them, as such a token does.
        var tokens = accounts.listTokens(me.accountId(), visibility.of(me), PageRequest.of(Math.max(page, 1)));
        model.addAttribute("tokens", tokens);
        model.addAttribute("scopes", TokenScope.values());
        var account = accounts.get(me.accountId());
        model.addAttribute("accountLimit", account.rateLimit());
        var sees = visibility.of(me);
        var all = departments.listDepartments(me.accountId());
        var names = all.stream().collect(java.util.stream.Collectors.toMap(d -> d.id(), d -> d.name()));
        // The departments each limited token sees, by name (an id whose department was deleted since, as the id).
        model.addAttribute("tokenDepartments", tokens.items().stream().collect(java.util.stream.Collectors.toMap(token -> token.id(),
                token -> String.join(", ", token.departmentIds().stream().map(id -> names.getOrDefault(id, id)).toList()))));
        // An operator limited to departments offers only theirs, and every token they issue is limited to them.
        model.addAttribute("departments", all.stream().filter(department -> sees.sees(department.id())).toList());
        model.addAttribute("limitedIssuer", !sees.all());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new TokenForm(null, "read", "", null, null, List.of()));
        }
        return "console/admin/tokens";
    }

    @PostMapping("/console/admin/tokens")
    String issue(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "name", required = false) String name,
                 @RequestParam(name = "scope", required = false) String scope,
                 @RequestParam(name = "allowed_ips", required = false) String allowedIps,
                 @RequestParam(name = "rate_limit_per_second", required = false) String perSecond,
                 @RequestParam(name = "rate_limit_burst", required = false) String burst,
                 @RequestParam(name = "department_ids", required = false) List<String> departmentIds,
                 Model model, Locale locale, HttpServletResponse response) {
        List<String> chosen = departmentIds == null ? List.of() : departmentIds.stream().filter(id -> !id.isBlank()).toList();
        var form = new TokenForm(name, scope, allowedIps, perSecond, burst, chosen);
        try {
            var sees = visibility.of(me);
            if (!sees.all()) {
                // As a limited token does through the API: never beyond the issuer's departments, by default all of them.
                chosen.stream().filter(id -> !sees.sees(id)).findFirst().ifPresent(id -> {
                    throw new InvalidInputException("department_ids", "department.unknown", id);
                });
                if (chosen.isEmpty()) {
                    if (sees.departmentIds().isEmpty()) {
                        throw new InvalidInputException("department_ids", "parameter.required");
                    }
                    chosen = List.copyOf(sees.departmentIds());
                }
            }
            var issued = accounts.issueToken(me.accountId(), new IssueToken(name,
                    TokenScope.fromWireName(scope).orElseThrow(() -> new InvalidInputException("scope", "parameter.not_one_of", "read, write, admin")),
                    ranges(allowedIps), limit(perSecond, burst), chosen));
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
            accounts.revokeToken(me.accountId(), id, visibility.of(me));
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
    record TokenForm(String name, String scope, String allowedIps, String perSecond, String burst, List<String> departmentIds) {
    }
}
