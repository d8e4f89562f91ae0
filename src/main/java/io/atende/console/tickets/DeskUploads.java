package io.atende.console.tickets;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.atende.console.ConsoleMessages;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Files over the 25 MB a request may carry (the API's limit, set in the multipart settings) are
 * refused with 413 before any handler runs. An htmx form gets the message in the page's alert area
 * (and its own form stays as it was); a plain form gets the console's problem page. A form posted
 * without JavaScript, whose CSRF token is inside the oversized body, never gets here: the console's
 * security chain answers it first ({@link io.atende.platform.OversizedForms}).
 */
// Before the API's catch-all handler, which would answer with its JSON envelope.
@Order(Ordered.HIGHEST_PRECEDENCE)
@ControllerAdvice(basePackages = {"io.atende.console.tickets", "io.atende.console.chats"})
class DeskUploads {

    private final ConsoleMessages messages;

    DeskUploads(ConsoleMessages messages) {
        this.messages = messages;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    String tooLarge(HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        model.addAttribute("status", HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        model.addAttribute("problem", messages.text("request.too_large", locale));
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Retarget", "#desk-alert");
            response.setHeader("HX-Reswap", "innerHTML");
            return "console/problem :: message";
        }
        return "console/problem";
    }
}
