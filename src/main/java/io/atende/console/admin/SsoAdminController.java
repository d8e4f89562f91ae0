package io.atende.console.admin;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.department.DepartmentManagement;
import io.atende.operator.OperatorRole;
import io.atende.platform.AtendeException;
import io.atende.platform.PublicAddress;
import io.atende.sso.ConfigureSso;
import io.atende.sso.SingleSignOn;
import io.atende.sso.SsoSettings;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The account's single sign-on (OpenID Connect): the provider's issuer and client, who may sign in and what becomes of
 * someone new, whether passwords still sign in, and "test connection", which reads the issuer's discovery document.
 */
@Controller
class SsoAdminController {

    private final SingleSignOn singleSignOn;
    private final DepartmentManagement departments;
    private final ConsoleMessages messages;
    private final PublicAddress publicAddress;

    SsoAdminController(SingleSignOn singleSignOn, DepartmentManagement departments, ConsoleMessages messages, PublicAddress publicAddress) {
        this.singleSignOn = singleSignOn;
        this.departments = departments;
        this.messages = messages;
        this.publicAddress = publicAddress;
    }

    /** The form as typed (or as saved): what the page shows in its fields. */
    record Form(boolean enabled, String providerName, String issuer, String clientId, boolean clientSecretSet, String allowedDomains,
                boolean createOperators, String newOperatorRole, List<String> newOperatorDepartmentIds, boolean passwordSignIn,
                boolean trustProviderSecondFactor) {

        static Form of(SsoSettings settings) {
            return new Form(settings.enabled(), settings.providerName(), settings.issuer(), settings.clientId(), settings.clientSecretSet(),
                    String.join("\n", settings.allowedDomains()), settings.createOperators(), settings.newOperatorRole().name(),
                    settings.newOperatorDepartmentIds(), settings.passwordSignIn(), settings.trustProviderSecondFactor());
        }

        static Form empty() {
            return new Form(false, "", "", "", false, "", false, OperatorRole.OPERATOR.name(), List.of(), true, true);
        }
    }

    @GetMapping("/console/admin/sso")
    String settings(@AuthenticationPrincipal ConsoleOperator me, Model model) {
        return page(me, model, singleSignOn.settings(me.accountId()).map(Form::of).orElseGet(Form::empty));
    }

    @PostMapping("/console/admin/sso")
    String save(@AuthenticationPrincipal ConsoleOperator me,
                @RequestParam(name = "enabled", defaultValue = "false") boolean enabled,
                @RequestParam(name = "provider_name", defaultValue = "") String providerName,
                @RequestParam(name = "issuer", defaultValue = "") String issuer,
                @RequestParam(name = "client_id", defaultValue = "") String clientId,
                @RequestParam(name = "client_secret", defaultValue = "") String clientSecret,
                @RequestParam(name = "allowed_domains", defaultValue = "") String allowedDomains,
                @RequestParam(name = "create_operators", defaultValue = "false") boolean createOperators,
                @RequestParam(name = "new_operator_role", defaultValue = "OPERATOR") String newOperatorRole,
                @RequestParam(name = "new_operator_departments", required = false) List<String> departmentIds,
                @RequestParam(name = "password_sign_in", defaultValue = "false") boolean passwordSignIn,
                @RequestParam(name = "trust_provider_second_factor", defaultValue = "false") boolean trustProviderSecondFactor,
                Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        var chosenDepartments = departmentIds == null ? List.<String>of() : departmentIds;
        var role = java.util.Arrays.stream(OperatorRole.values()).filter(known -> known.name().equals(newOperatorRole)).findFirst()
                .orElse(OperatorRole.OPERATOR);
        var domains = Arrays.stream(allowedDomains.split("[\\s,;]+")).map(String::strip).filter(domain -> !domain.isEmpty()).toList();
        try {
            singleSignOn.configure(me.accountId(), new ConfigureSso(enabled, providerName, issuer, clientId, clientSecret, domains,
                    createOperators, role, chosenDepartments, passwordSignIn, trustProviderSecondFactor));
        } catch (AtendeException refused) {
            FormError.show(refused, "settings", messages, locale, model, response);
            boolean secretSet = singleSignOn.settings(me.accountId()).map(SsoSettings::clientSecretSet).orElse(false);
            return page(me, model, new Form(enabled, providerName, issuer, clientId, secretSet, allowedDomains, createOperators, role.name(),
                    chosenDepartments, passwordSignIn, trustProviderSecondFactor));
        }
        redirect.addFlashAttribute("notice", "sso.admin.saved");
        return "redirect:/console/admin/sso";
    }

    /** Reads the typed issuer's discovery document and shows what it says, or why it could not be read; saves nothing. */
    @PostMapping("/console/admin/sso/test")
    String test(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "issuer", defaultValue = "") String issuer,
                Model model, Locale locale, HttpServletResponse response) {
        var form = singleSignOn.settings(me.accountId()).map(Form::of).orElseGet(Form::empty);
        form = new Form(form.enabled(), form.providerName(), issuer, form.clientId(), form.clientSecretSet(), form.allowedDomains(),
                form.createOperators(), form.newOperatorRole(), form.newOperatorDepartmentIds(), form.passwordSignIn(),
                form.trustProviderSecondFactor());
        try {
            model.addAttribute("discovered", singleSignOn.testConnection(issuer));
        } catch (AtendeException refused) {
            FormError.show(refused, "test", messages, locale, model, response);
        }
        return page(me, model, form);
    }

    private String page(ConsoleOperator me, Model model, Form form) {
        model.addAttribute("section", "admin");
        model.addAttribute("form", form);
        model.addAttribute("departments", departments.listDepartments(me.accountId()));
        String site = publicAddress.current().orElse("");
        model.addAttribute("redirectUri", site + "/console/sso/callback/" + me.accountId());
        model.addAttribute("signInAddress", site + "/console/sign-in?account=" + me.accountId());
        return "console/admin/sso";
    }
}
