package io.atende.portal;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.attachment.AttachmentManagement;
import io.atende.customeraccess.CustomerPortalAccess;
import io.atende.mail.MailLinks;
import io.atende.platform.Branding;
import io.atende.platform.InvalidInputException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The links in e-mails that work without signing in: a file of an operator's reply sent as a link because the reply's
 * files were too large to attach, and the rating of a finished ticket (shown on a GET, recorded on a POST). The token in the address is the permission; an altered or expired one gets the
 * portal's problem page (403) saying which.
 */
@Controller
class PortalMailLinksController {

    static final String PATHS = "/portal/mail/**";

    private final MailLinks links;
    private final AttachmentManagement attachments;
    private final PortalAccounts accounts;
    private final CustomerPortalAccess access;

    PortalMailLinksController(MailLinks links, AttachmentManagement attachments, PortalAccounts accounts, CustomerPortalAccess access) {
        this.links = links;
        this.attachments = attachments;
        this.accounts = accounts;
        this.access = access;
    }

    /**
     * A rating link of the "finished" e-mail ({@code grade} 1 to 5, or {@code solved} yes or no) opened with a GET: the
     * page shows the chosen answer and a button that records it with a POST. Mail security scanners (Safe Links,
     * Mimecast) fetch every link of a message, so a GET never records anything; in a person's browser a small script
     * submits the form at once, so the click stays one click.
     */
    @GetMapping("/portal/mail/rating/{token}")
    String choose(@PathVariable String token, @RequestParam(required = false) String grade, @RequestParam(required = false) String solved,
                  Model model) {
        Integer chosenGrade = grade(grade);
        Boolean chosenSolved = solved(solved);
        if (chosenGrade != null && (chosenGrade < 1 || chosenGrade > 5)) {
            throw new InvalidInputException("grade", "parameter.out_of_range", 1, 5);
        }
        var rated = links.preview(token);
        page(model, rated, token);
        model.addAttribute("grade", chosenGrade);
        model.addAttribute("solved", chosenSolved);
        model.addAttribute("pending", chosenGrade != null || chosenSolved != null);
        return "portal/rating";
    }

    /** Records the answer the rating page submits, and confirms it with the other answers a click away. */
    @PostMapping("/portal/mail/rating/{token}")
    String rate(@PathVariable String token, @RequestParam(required = false) String grade, @RequestParam(required = false) String solved,
                Model model) {
        var rated = links.rate(token, grade(grade), solved(solved));
        page(model, rated, token);
        model.addAttribute("recorded", true);
        return "portal/rating";
    }

    private void page(Model model, MailLinks.Rated rated, String token) {
        var account = accounts.get(rated.accountId());
        model.addAttribute("brand", new PortalPages.PortalBrand(account.id(), account.name(), Branding.of(account.accentColor()),
                access.settings(account.id()).logoUrl()));
        model.addAttribute("ticket", rated.ticket());
        model.addAttribute("token", token);
    }

    private static Integer grade(String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(given.strip());
        } catch (NumberFormatException notANumber) {
            throw new InvalidInputException("grade", "parameter.out_of_range", 1, 5);
        }
    }

    private static Boolean solved(String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        return switch (given.strip().toLowerCase(Locale.ROOT)) {
            case "yes", "y", "s" -> true;
            case "no", "n" -> false;
            default -> throw new InvalidInputException("solved", "portal.rating.solved_invalid");
        };
    }

    @GetMapping("/portal/mail/files/{token}")
    void file(@PathVariable String token, HttpServletResponse response) throws IOException {
        var linked = links.file(token);
        var file = linked.file();
        response.setContentType(file.contentType());
        response.setContentLengthLong(file.size());
        response.setHeader("Content-Disposition", "attachment; filename*=UTF-8''"
                + URLEncoder.encode(file.name(), StandardCharsets.UTF_8).replace("+", "%20"));
        response.setHeader("Cache-Control", "private, no-store");
        attachments.copyContent(linked.accountId(), file.id(), response.getOutputStream());
    }
}
