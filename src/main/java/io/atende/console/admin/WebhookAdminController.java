package io.atende.console.admin;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.platform.InvalidInputException;
import io.atende.platform.PageRequest;
import io.atende.platform.RuleViolationException;
import io.atende.webhook.CreateWebhook;
import io.atende.webhook.UpdateWebhook;
import io.atende.webhook.WebhookEvents;
import io.atende.webhook.WebhookFormat;
import io.atende.webhook.WebhookManagement;

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
 * Webhooks: subscribe (the signing secret shown once), edit, delete, and each one's delivery log
 * with every attempt, from which a finished delivery can be sent again.
 */
@Controller
class WebhookAdminController {

    private final WebhookManagement webhooks;
    private final ConsoleMessages messages;

    WebhookAdminController(WebhookManagement webhooks, ConsoleMessages messages) {
        this.webhooks = webhooks;
        this.messages = messages;
    }

    @GetMapping("/console/admin/webhooks")
    String list(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "page", defaultValue = "1") int page, Model model) {
        model.addAttribute("section", "admin");
        model.addAttribute("webhooks", webhooks.list(me.accountId(), PageRequest.of(Math.max(page, 1))));
        model.addAttribute("events", WebhookEvents.KNOWN);
        model.addAttribute("formats", WebhookFormat.values());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new WebhookForm(null, "standard", List.of(), true));
        }
        return "console/admin/webhooks";
    }

    @PostMapping("/console/admin/webhooks")
    String create(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "url", required = false) String url,
                  @RequestParam(name = "format", required = false) String format,
                  @RequestParam(name = "event", required = false) List<String> events,
                  @RequestParam(name = "active", defaultValue = "false") boolean active,
                  Model model, Locale locale, HttpServletResponse response) {
        try {
            var created = webhooks.create(me.accountId(), new CreateWebhook(url, format(format), events, null, active));
            // Answered directly, not through a redirect: the secret lives in this one response only.
            response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
            model.addAttribute("created", created);
            model.addAttribute("notice", "admin.webhooks.created");
        } catch (InvalidInputException | RuleViolationException refused) {
            FormError.show(refused, "create", messages, locale, model, response);
            model.addAttribute("form", new WebhookForm(url, format, events == null ? List.of() : events, active));
        }
        return list(me, 1, model);
    }

    @GetMapping("/console/admin/webhooks/{id}")
    String show(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id,
                @RequestParam(name = "page", defaultValue = "1") int page, Model model) {
        var webhook = webhooks.get(me.accountId(), id);
        model.addAttribute("section", "admin");
        model.addAttribute("webhook", webhook);
        model.addAttribute("deliveries", webhooks.deliveries(me.accountId(), webhook.id(), null, PageRequest.of(Math.max(page, 1))));
        model.addAttribute("events", WebhookEvents.KNOWN);
        model.addAttribute("formats", WebhookFormat.values());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new WebhookForm(webhook.url(), webhook.format().wireName(), webhook.events(), webhook.active()));
        }
        return "console/admin/webhook";
    }

    @PostMapping("/console/admin/webhooks/{id}")
    String update(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id,
                  @RequestParam(name = "url", required = false) String url,
                  @RequestParam(name = "format", required = false) String format,
                  @RequestParam(name = "event", required = false) List<String> events,
                  @RequestParam(name = "active", defaultValue = "false") boolean active,
                  Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        webhooks.get(me.accountId(), id);
        try {
            webhooks.update(me.accountId(), id, new UpdateWebhook(url == null ? "" : url, format(format),
                    events == null ? List.of() : events, null, active));
        } catch (InvalidInputException | RuleViolationException refused) {
            FormError.show(refused, "edit", messages, locale, model, response);
            model.addAttribute("form", new WebhookForm(url, format, events == null ? List.of() : events, active));
            return show(me, id, 1, model);
        }
        redirect.addFlashAttribute("notice", "admin.webhooks.saved");
        return "redirect:/console/admin/webhooks/" + id;
    }

    @PostMapping("/console/admin/webhooks/{id}/delete")
    String delete(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id, RedirectAttributes redirect) {
        webhooks.delete(me.accountId(), id);
        redirect.addFlashAttribute("notice", "admin.webhooks.deleted");
        return "redirect:/console/admin/webhooks";
    }

    @GetMapping("/console/admin/webhooks/{id}/deliveries/{deliveryId}")
    String delivery(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id,
                    @PathVariable("deliveryId") String deliveryId, Model model) {
        var webhook = webhooks.get(me.accountId(), id);
        var delivery = webhooks.delivery(me.accountId(), deliveryId);
        if (!delivery.webhookId().equals(webhook.id())) {
            throw new io.atende.platform.NotFoundException("webhook.delivery_not_found", deliveryId);
        }
        model.addAttribute("section", "admin");
        model.addAttribute("webhook", webhook);
        model.addAttribute("delivery", delivery);
        return "console/admin/delivery";
    }

    @PostMapping("/console/admin/webhooks/{id}/deliveries/{deliveryId}/redeliver")
    String redeliver(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id,
                     @PathVariable("deliveryId") String deliveryId,
                     Model model, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            var again = webhooks.redeliver(me.accountId(), deliveryId);
            redirect.addFlashAttribute("notice", "admin.webhooks.redelivered");
            return "redirect:/console/admin/webhooks/" + again.webhookId() + "/deliveries/" + again.id();
        } catch (RuleViolationException refused) {
            FormError.show(refused, "redeliver", messages, locale, model, response);
            return delivery(me, id, deliveryId, model);
        }
    }

    private static WebhookFormat format(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return WebhookFormat.fromWireName(text).orElseThrow(() -> new InvalidInputException("format", "parameter.not_one_of",
                "standard, tomticket"));
    }

    /** What the webhook form shows: the stored values, or what was typed when it was refused. */
    record WebhookForm(String url, String format, List<String> events, boolean active) {
    }
}
