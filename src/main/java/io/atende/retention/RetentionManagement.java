package io.atende.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import io.atende.audit.AuditTrail;
import io.atende.mail.MailManagement;
import io.atende.platform.InvalidInputException;
import io.atende.ticket.TicketRetention;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** An account's retention policy: reading it, what it would do now (a dry run), and changing it. */
@Service
public class RetentionManagement {

    private final RetentionRepository repository;
    private final TicketRetention tickets;
    private final MailManagement mail;
    private final AuditTrail audit;
    private final Clock clock;

    RetentionManagement(RetentionRepository repository, TicketRetention tickets, MailManagement mail, AuditTrail audit, Clock clock) {
        this.repository = repository;
        this.tickets = tickets;
        this.mail = mail;
        this.audit = audit;
        this.clock = clock;
    }

    /** The account's policy; {@link RetentionPolicy#NONE} when it set none. */
    @Transactional(readOnly = true)
    public RetentionPolicy policy(String accountId) {
        return repository.find(accountId).orElse(RetentionPolicy.NONE);
    }

    /** How long the installation keeps raw messages for accounts that set no period, in days. */
    public long defaultInboundRawDays() {
        return mail.defaultInboundRawRetention().toDays();
    }

    /** What {@code policy} would do if it were applied now, without changing anything; bad input if it is invalid. */
    @Transactional(readOnly = true)
    public RetentionPreview preview(String accountId, RetentionPolicy policy) {
        validate(policy);
        Instant now = clock.instant();
        Instant ticketCutoff = ticketCutoff(policy, now);
        Instant rawCutoff = rawCutoff(policy, now);
        long dueTickets = ticketCutoff == null ? 0 : tickets.countDue(accountId, ticketCutoff, policy.ticketAction());
        return new RetentionPreview(policy, dueTickets, ticketCutoff, mail.countInboundRaw(accountId, rawCutoff), rawCutoff);
    }

    /** Sets the account's policy (bad input if invalid); the next sweep applies it. */
    @Transactional
    public RetentionPolicy save(String accountId, RetentionPolicy policy) {
        validate(policy);
        var before = policy(accountId);
        repository.save(accountId, policy, clock.instant());
        audit.record(accountId, "retention.updated", "account", accountId, fields(before), fields(policy));
        return policy(accountId);
    }

    /** Tickets that ended before this are due under the policy; {@code null} when it keeps tickets. */
    static Instant ticketCutoff(RetentionPolicy policy, Instant now) {
        return policy.ticketMonths() == null ? null : now.atOffset(ZoneOffset.UTC).minusMonths(policy.ticketMonths()).toInstant();
    }

    Instant rawCutoff(RetentionPolicy policy, Instant now) {
        return policy.inboundRawDays() == null ? now.minus(mail.defaultInboundRawRetention())
                : now.atOffset(ZoneOffset.UTC).minusDays(policy.inboundRawDays()).toInstant();
    }

    private static void validate(RetentionPolicy policy) {
        if (policy.ticketMonths() != null && (policy.ticketMonths() < 1 || policy.ticketMonths() > RetentionPolicy.MAX_TICKET_MONTHS)) {
            throw new InvalidInputException("ticket_months", "parameter.out_of_range", "ticket_months", 1, RetentionPolicy.MAX_TICKET_MONTHS);
        }
        if (policy.inboundRawDays() != null && (policy.inboundRawDays() < 1 || policy.inboundRawDays() > RetentionPolicy.MAX_INBOUND_RAW_DAYS)) {
            throw new InvalidInputException("inbound_raw_days", "parameter.out_of_range", "inbound_raw_days", 1,
                    RetentionPolicy.MAX_INBOUND_RAW_DAYS);
        }
    }

    private static Map<String, Object> fields(RetentionPolicy policy) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("ticket_months", policy.ticketMonths());
        fields.put("ticket_action", policy.ticketAction());
        fields.put("inbound_raw_days", policy.inboundRawDays());
        return fields;
    }
}
