package io.atende.portal;

import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.customeraccess.PortalCustomer;
import io.atende.customeraccess.WidgetChats;
import io.atende.department.DepartmentManagement;
import io.atende.platform.AtendeException;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;

import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A live chat for the customer signed in to the portal: they are not asked who they are; the chat
 * opens in the same widget the website uses, with its chat token.
 */
@Controller
class PortalChatController {

    private final WidgetChats widgetChats;
    private final DepartmentManagement departments;
    private final MessageSource messages;

    PortalChatController(WidgetChats widgetChats, DepartmentManagement departments, MessageSource messages) {
        this.widgetChats = widgetChats;
        this.departments = departments;
        this.messages = messages;
    }

    @GetMapping("/portal/chat")
    String form(@AuthenticationPrincipal PortalCustomer me, Model model) {
        model.addAttribute("departments", departments.listDepartments(me.accountId()));
        return "portal/chat";
    }

    @PostMapping("/portal/chat")
    String start(@AuthenticationPrincipal PortalCustomer me, @RequestParam(name = "department_id", required = false) String departmentId,
                 @RequestParam(required = false) String message, Model model, HttpServletResponse response, Locale locale) {
        try {
            var started = widgetChats.startForCustomer(me, departmentId, message);
            model.addAttribute("chat", started);
        } catch (InvalidInputException | NotFoundException refused) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", text(refused, locale));
            model.addAttribute("errorField", refused instanceof InvalidInputException invalid ? invalid.parameter() : "department_id");
            model.addAttribute("message", message);
        }
        return form(me, model);
    }

    private String text(AtendeException failure, Locale locale) {
        return messages.getMessage(failure.messageKey(), failure.arguments(), failure.messageKey(), locale);
    }
}
