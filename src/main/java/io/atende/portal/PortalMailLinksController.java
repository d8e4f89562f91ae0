package io.atende.portal;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.attachment.AttachmentManagement;
import io.atende.mail.MailLinks;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The links in e-mails that work without signing in: a file of an operator's reply sent as a link because the reply's
 * files were too large to attach. The token in the address is the permission; an altered or expired one gets the
 * portal's problem page (403) saying which.
 */
@Controller
class PortalMailLinksController {

    static final String PATHS = "/portal/mail/**";

    private final MailLinks links;
    private final AttachmentManagement attachments;

    PortalMailLinksController(MailLinks links, AttachmentManagement attachments) {
        this.links = links;
        this.attachments = attachments;
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
