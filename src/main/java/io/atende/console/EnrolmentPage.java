package io.atende.console;

import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.operator.TwoFactorEnrolment;

import org.springframework.ui.Model;

/** The pages of a two-factor enrolment, shared by the profile and by a sign-in the account requires it of. */
final class EnrolmentPage {

    private EnrolmentPage() {
    }

    /**
     * The QR code and the secret to put into the app, and the form for its first code.
     *
     * @param action where the code goes
     * @param cancel where "cancel" leads, or {@code null} when there is no way around it
     */
    static String show(Model model, HttpServletResponse response, TwoFactorEnrolment enrolment, String accountName, String action,
                       String cancel, String title) {
        noStore(response);
        String uri = enrolment.uri(accountName);
        model.addAttribute("qrCode", QrCodeSvg.of(uri, title));
        // On a phone the app is on the same device as the page: a link adds the key without scanning.
        model.addAttribute("otpauthUri", uri);
        model.addAttribute("secretGroups", List.of(enrolment.secret().split("(?<=\\G.{4})")));
        model.addAttribute("action", action);
        model.addAttribute("cancel", cancel);
        return "console/two-factor-enrol";
    }

    /** The recovery codes, shown this once. */
    static String recoveryCodes(Model model, HttpServletResponse response, List<String> codes, String next) {
        noStore(response);
        model.addAttribute("recoveryCodes", codes);
        model.addAttribute("next", next);
        return "console/recovery-codes";
    }

    /** A secret or codes on a page: never kept by the browser's cache or a proxy. */
    private static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
    }
}
