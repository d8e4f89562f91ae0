package io.atende.platform;

import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.ui.Model;

/**
 * What the pages of a two-factor enrolment show, in the console (an operator's profile, a sign-in the account
 * requires it of) and in the portal (a customer's account page); each face renders them in its own layout.
 */
public final class TwoFactorPages {

    private TwoFactorPages() {
    }

    /**
     * The QR code and the secret to put into the app, and the form for its first code.
     *
     * @param action where the code goes
     * @param cancel where "cancel" leads, or {@code null} when there is no way around it
     * @param title  the QR code's accessible name
     */
    public static void enrolment(Model model, HttpServletResponse response, TwoFactorEnrolment enrolment, String accountName,
                                 String action, String cancel, String title) {
        noStore(response);
        String uri = enrolment.uri(accountName);
        model.addAttribute("qrCode", QrCodeSvg.of(uri, title));
        // On a phone the app is on the same device as the page: a link adds the key without scanning.
        model.addAttribute("otpauthUri", uri);
        model.addAttribute("secretGroups", List.of(enrolment.secret().split("(?<=\\G.{4})")));
        model.addAttribute("action", action);
        model.addAttribute("cancel", cancel);
    }

    /** The recovery codes, shown this once, and where "continue" leads. */
    public static void recoveryCodes(Model model, HttpServletResponse response, List<String> codes, String next) {
        noStore(response);
        model.addAttribute("recoveryCodes", codes);
        model.addAttribute("next", next);
    }

    /** A secret or codes on a page: never kept by the browser's cache or a proxy. */
    private static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
    }
}
