package io.atende.mail;

import java.time.Clock;

import io.atende.attachment.AttachmentManagement;
import io.atende.attachment.AttachmentView;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the signed links in e-mails open, for the pages that serve them without a sign-in: a file sent as a link
 * because the reply's files passed {@code atende.mail.attachment-limit}. An altered or expired link is refused
 * ({@link MailLinkRefusedException}); a file deleted since is not found.
 */
@Service
public class MailLinks {

    private final SignedLinks links;
    private final AttachmentManagement attachments;
    private final Clock clock;

    MailLinks(SignedLinks links, AttachmentManagement attachments, Clock clock) {
        this.links = links;
        this.attachments = attachments;
        this.clock = clock;
    }

    /** A file a link opens, in its account. */
    public record LinkedFile(String accountId, AttachmentView file) {
    }

    /** The file the link names, once its signature and expiry are checked. */
    @Transactional(readOnly = true)
    public LinkedFile file(String token) {
        var opened = links.open(SignedLinks.Purpose.FILE, token, clock.instant());
        return new LinkedFile(opened.accountId(), attachments.get(opened.accountId(), opened.subjectId()));
    }
}
