package io.atende.console;

import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.platform.TwoFactorEnrolment;
import io.atende.platform.TwoFactorPages;

import org.springframework.ui.Model;

/** The console's pages of a two-factor enrolment, shared by the profile and by a sign-in the account requires it of. */
final class EnrolmentPage {

    private EnrolmentPage() {
    }

    /** The QR code, the secret and the form for the first code ({@link TwoFactorPages#enrolment}). */
    static String show(Model model, HttpServletResponse response, TwoFactorEnrolment enrolment, String accountName, String action,
                       String cancel, String title) {
        TwoFactorPages.enrolment(model, response, enrolment, accountName, action, cancel, title);
        return "console/two-factor-enrol";
    }

    /** The recovery codes, shown this once. */
    static String recoveryCodes(Model model, HttpServletResponse response, List<String> codes, String next) {
        TwoFactorPages.recoveryCodes(model, response, codes, next);
        return "console/recovery-codes";
    }
}
