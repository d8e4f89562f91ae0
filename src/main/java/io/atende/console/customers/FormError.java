package io.atende.console.customers;

import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.console.ConsoleMessages;
import io.atende.platform.AtendeException;
import io.atende.platform.InvalidInputException;

import org.springframework.ui.Model;

/**
 * A refusal shown next to the form that caused it: {@code form} names that form on the page ({@code create},
 * {@code edit}, {@code delete}), {@code field} the input to mark invalid, by its name in the form.
 */
record FormError(String form, String field, String message) {

    /** Whether the refusal belongs to this form of the page. */
    public boolean on(String candidate) {
        return form.equals(candidate);
    }

    /** Whether the refusal concerns this input of this form (for {@code aria-invalid}). */
    public boolean marks(String candidateForm, String candidateField) {
        return form.equals(candidateForm) && candidateField.equals(field);
    }

    /** Puts the refusal in the model as {@code error} and answers 400 (bad input) or 409 (a rule). */
    static void show(AtendeException refused, String form, ConsoleMessages messages, Locale locale, Model model,
                     HttpServletResponse response) {
        boolean invalid = refused instanceof InvalidInputException;
        response.setStatus(invalid ? HttpServletResponse.SC_BAD_REQUEST : HttpServletResponse.SC_CONFLICT);
        String field = invalid ? formField(((InvalidInputException) refused).parameter()) : null;
        model.addAttribute("error", new FormError(form, field, messages.text(refused, locale)));
    }

    /** The domain names the internal id after the API's parameter; the console's form calls it internal_id. */
    private static String formField(String parameter) {
        return "customer_id".equals(parameter) ? "internal_id" : parameter;
    }
}
