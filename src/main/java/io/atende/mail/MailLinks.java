package io.atende.mail;

import java.time.Clock;

import io.atende.attachment.AttachmentManagement;
import io.atende.attachment.AttachmentView;
import io.atende.ticket.TicketManagement;
import io.atende.ticket.TicketView;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the signed links in e-mails open, for the pages that serve them without a sign-in: a file sent as a link
 * because the reply's files passed {@code atende.mail.attachment-limit}, the rating of a finished ticket. An altered or expired link is refused
 * ({@link MailLinkRefusedException}); a file deleted since is not found.
 */
@Service
public class MailLinks {

    private final SignedLinks links;
    private final AttachmentManagement attachments;
    private final TicketManagement tickets;
    private final Clock clock;

    MailLinks(SignedLinks links, AttachmentManagement attachments, TicketManagement tickets, Clock clock) {
        this.links = links;
        this.tickets = tickets;
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

    /** A ticket rated through a link, as the confirmation page shows it. */
    public record Rated(String accountId, TicketView ticket, String customerId) {
    }

    /**
     * The ticket a rating link names, once its signature and expiry are checked, without recording anything: what a
     * plain GET of the link shows (mail scanners open every link of a message). Refused like {@link #rate} when the
     * ticket is no longer finished or was merged.
     */
    @Transactional(readOnly = true)
    public Rated preview(String token) {
        var opened = links.open(SignedLinks.Purpose.RATING, token, clock.instant());
        var ticket = tickets.get(opened.accountId(), opened.subjectId());
        if (ticket.situation() != io.atende.ticket.Situation.FINISHED) {
            throw new io.atende.platform.RuleViolationException("ticket.evaluation_not_finished");
        }
        if (ticket.mergedIntoTicketId() != null) {
            throw new io.atende.platform.RuleViolationException("ticket.merged_not_evaluated");
        }
        return new Rated(opened.accountId(), ticket, opened.personId());
    }

    /**
     * Records the customer's click on a rating link of the "finished" e-mail: a grade (1 to 5) or whether the problem
     * was solved. A later click changes the rating; a ticket reopened since is refused (409) until it is finished again.
     */
    @Transactional
    public Rated rate(String token, Integer grade, Boolean solved) {
        var opened = links.open(SignedLinks.Purpose.RATING, token, clock.instant());
        var ticket = tickets.rate(opened.accountId(), opened.subjectId(), grade, solved);
        return new Rated(opened.accountId(), ticket, opened.personId());
    }
}
