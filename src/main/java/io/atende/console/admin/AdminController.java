package io.atende.console.admin;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.account.AccountManagement;
import io.atende.account.UpdateAccount;
import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.operator.OperatorTwoFactor;
import io.atende.platform.Branding;
import io.atende.platform.InvalidInputException;
import io.atende.platform.RuleViolationException;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The administration's index and the account's settings: name, time zone, accent colour, console language and the two-factor requirement. */
@Controller
class AdminController {

    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(zone -> zone.contains("/") && !zone.startsWith("Etc/") && !zone.startsWith("SystemV/")).sorted().toList();

    private final AccountManagement accounts;
    private final OperatorTwoFactor twoFactor;
    private final ConsoleMessages messages;

    AdminController(AccountManagement accounts, OperatorTwoFactor twoFactor, ConsoleMessages messages) {
        this.accounts = accounts;
        this.twoFactor = twoFactor;
        this.messages = messages;
    }

    @GetMapping("/console/admin")
    String index(Model model) {
        model.addAttribute("section", "admin");
        return "console/admin/index";
    }

    @GetMapping("/console/admin/settings")
    String settings(@AuthenticationPrincipal ConsoleOperator me, Model model) {
        var account = accounts.get(me.accountId());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new SettingsForm(account.name(), account.timeZone().getId(),
                    account.accentColor() == null ? Branding.DEFAULT_ACCENT : account.accentColor(), account.consoleLanguage()));
        }
        model.addAttribute("section", "admin");
        model.addAttribute("zones", ZONES);
        model.addAttribute("languages", AccountManagement.CONSOLE_LANGUAGES.stream().sorted().toList());
        model.addAttribute("preview", Preview.of(((SettingsForm) model.getAttribute("form")).validColor()));
        model.addAttribute("twoFactorRequired", twoFactor.required(me.accountId()));
        return "console/admin/settings";
    }

    /** Whether every operator must sign in with a second factor; only an admin who uses one may turn it on. */
    @PostMapping("/console/admin/settings/two-factor")
    String requireTwoFactor(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "required", defaultValue = "false") boolean required,
                            Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            twoFactor.require(me.accountId(), required, me.operatorId());
        } catch (RuleViolationException refused) {
            FormError.show(refused, "two-factor", messages, locale, model, response);
            return settings(me, model);
        }
        redirect.addFlashAttribute("notice", "admin.two_factor.saved");
        return "redirect:/console/admin/settings";
    }

    @PostMapping("/console/admin/settings")
    String saveSettings(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "name", required = false) String name,
                        @RequestParam(name = "time_zone", required = false) String timeZone,
                        @RequestParam(name = "accent_color", required = false) String accentColor,
                        @RequestParam(name = "console_language", required = false) String language,
                        Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        var form = new SettingsForm(name, timeZone, accentColor, language);
        try {
            // Blank means "no change" for the module; here every field of the form is required.
            if (name == null || name.isBlank()) {
                throw new InvalidInputException("name", "parameter.required");
            }
            if (accentColor == null || accentColor.isBlank()) {
                throw new InvalidInputException("accent_color", "parameter.invalid_color");
            }
            if (timeZone == null || timeZone.isBlank()) {
                throw new InvalidInputException("time_zone", "parameter.invalid_time_zone");
            }
            if (language == null || language.isBlank()) {
                throw new InvalidInputException("console_language", "parameter.required");
            }
            accounts.update(me.accountId(), new UpdateAccount(name, timeZone, null, accentColor, language));
        } catch (InvalidInputException | RuleViolationException refused) {
            FormError.show(refused, "settings", messages, locale, model, response);
            model.addAttribute("form", form);
            return settings(me, model);
        }
        redirect.addFlashAttribute("notice", "admin.settings.saved");
        return "redirect:/console/admin/settings";
    }

    /** The live preview of an accent colour while it is typed (htmx), with the colours the pages would use. */
    @GetMapping("/console/admin/settings/preview")
    String preview(@RequestParam(name = "accent_color", required = false) String accentColor, Model model) {
        var form = new SettingsForm(null, null, accentColor, null);
        model.addAttribute("preview", Preview.of(form.validColor()));
        model.addAttribute("invalidColor", form.validColor() == null);
        return "console/admin/settings :: preview";
    }

    /** The colours an accent gives the pages, with the contrast ratios that make them readable. */
    record Preview(Branding colors, String accentContrast, String linkContrast) {

        static Preview of(String accent) {
            var colors = Branding.of(accent);
            return new Preview(colors, ratio(colors.accent(), colors.onAccent()), ratio(colors.link(), "#ffffff"));
        }

        private static String ratio(String first, String second) {
            return String.format(Locale.ROOT, "%.1f:1", Branding.contrast(Branding.rgb(first), Branding.rgb(second)));
        }
    }

    /** What the settings form shows: the stored values, or what was typed when it was refused. */
    record SettingsForm(String name, String timeZone, String accentColor, String consoleLanguage) {

        String validColor() {
            return accentColor != null && COLOR.matcher(accentColor.strip()).matches() ? accentColor.strip().toLowerCase(Locale.ROOT) : null;
        }
    }
}
