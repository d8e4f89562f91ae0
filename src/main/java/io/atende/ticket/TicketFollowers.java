package io.atende.ticket;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.atende.attachment.NewAttachment;
import io.atende.customer.CustomerLookup;
import io.atende.customer.CustomerManagement;
import io.atende.customer.CustomerView;
import io.atende.platform.Emails;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.platform.RuleViolationException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static io.atende.platform.SqlTimes.instant;
import static io.atende.platform.SqlTimes.utc;

/**
 * The people copied on a ticket (followers): by address, or a customer by id (then by the customer's address). They
 * receive the ticket's replies by e-mail in one thread, as the customer does. Addresses on Cc of an incoming e-mail
 * become followers; operators add and remove them on the ticket page and through the API.
 */
@Service
public class TicketFollowers {

    private static final int MAX_FOLLOWERS = 50;

    private final JdbcClient jdbc;
    private final TicketManagement tickets;
    private final CustomerManagement customers;
    private final Clock clock;

    TicketFollowers(JdbcClient jdbc, TicketManagement tickets, CustomerManagement customers, Clock clock) {
        this.jdbc = jdbc;
        this.tickets = tickets;
        this.customers = customers;
        this.clock = clock;
    }

    /**
     * Adds a follower, named by exactly one of an address or a customer (who must have an address). Refused when they
     * already follow, are the ticket's own customer, or the ticket has {@value #MAX_FOLLOWERS} followers.
     */
    @Transactional
    public TicketFollowerView add(String accountId, String ticketId, String email, String customerId) {
        var ticket = tickets.get(accountId, ticketId);
        var follower = resolve(accountId, email, customerId);
        var owner = customers.findAll(accountId, List.of(ticket.customerId())).get(ticket.customerId());
        if (ticket.customerId().equals(follower.customerId())
                || owner != null && owner.email() != null && owner.email().equalsIgnoreCase(follower.email())) {
            throw new RuleViolationException("ticket.follower_is_customer");
        }
        if (count(accountId, ticket.id()) >= MAX_FOLLOWERS) {
            throw new RuleViolationException("ticket.followers_too_many", MAX_FOLLOWERS);
        }
        if (!insert(accountId, ticket.id(), follower)) {
            throw new RuleViolationException("ticket.follower_present", follower.email());
        }
        return follower;
    }

    /**
     * Makes the address a follower unless it already is one, is the ticket's customer's or the ticket has its fill
     * (copies of an incoming e-mail: nobody is refused, the extra ones are just not added). Joins the caller's transaction.
     */
    @Transactional
    public boolean follow(String accountId, String ticketId, String email) {
        if (email == null || !Emails.isValid(email.strip()) || count(accountId, ticketId) >= MAX_FOLLOWERS) {
            return false;
        }
        String address = email.strip().toLowerCase(Locale.ROOT);
        var ticket = tickets.get(accountId, ticketId);
        var owner = customers.findAll(accountId, List.of(ticket.customerId())).get(ticket.customerId());
        if (owner != null && owner.email() != null && owner.email().equalsIgnoreCase(address)) {
            return false;
        }
        String customerId = customers.find(accountId, CustomerLookup.byEmail(address)).map(CustomerView::id).orElse(null);
        return insert(accountId, ticketId, new TicketFollowerView(address, customerId, clock.instant()));
    }

    /** Removes the follower named by exactly one of an address or a customer; not found when they do not follow. */
    @Transactional
    public void remove(String accountId, String ticketId, String email, String customerId) {
        var ticket = tickets.get(accountId, ticketId);
        int removed;
        if (blank(customerId) && !blank(email)) {
            removed = jdbc.sql("delete from ticket_follower where account_id = :account and ticket_id = :ticket and email = :email")
                    .param("account", accountId).param("ticket", ticket.id()).param("email", email.strip().toLowerCase(Locale.ROOT)).update();
        } else {
            var follower = resolve(accountId, email, customerId);
            removed = jdbc.sql("""
                    delete from ticket_follower where account_id = :account and ticket_id = :ticket
                       and (customer_id = :customer or email = :email)""")
                    .param("account", accountId).param("ticket", ticket.id()).param("customer", follower.customerId())
                    .param("email", follower.email()).update();
        }
        if (removed == 0) {
            throw new NotFoundException("ticket.follower_not_found");
        }
    }

    /** Whether the address follows the ticket. */
    @Transactional(readOnly = true)
    public boolean follows(String accountId, String ticketId, String email) {
        return email != null && jdbc.sql("select count(*) from ticket_follower where account_id = :account and ticket_id = :ticket and email = :email")
                .param("account", accountId).param("ticket", ticketId).param("email", email.strip().toLowerCase(Locale.ROOT))
                .query(Long.class).single() > 0;
    }

    /**
     * A follower's answer (by e-mail) on the ticket: a customer-side message, as a customer's reply is, that records
     * whose it is. Refused as not found when the address does not follow the ticket. Answers the message's id.
     */
    @Transactional
    public String answer(String accountId, String ticketId, String email, String message, List<NewAttachment> files,
                         TicketChannel channel, BodyFormat format) {
        String address = email == null ? null : email.strip().toLowerCase(Locale.ROOT);
        if (!follows(accountId, ticketId, address)) {
            throw new NotFoundException("ticket.follower_not_found");
        }
        String messageId = tickets.replyByCustomer(accountId, ticketId, message, files, channel, format);
        String customerId = customers.find(accountId, CustomerLookup.byEmail(address)).map(CustomerView::id).orElse(null);
        jdbc.sql("""
                insert into ticket_message_author (account_id, message_id, ticket_id, email, customer_id)
                values (:account, :message, :ticket, :email, :customer)""")
                .param("account", accountId).param("message", messageId).param("ticket", ticketId).param("email", address)
                .param("customer", customerId).update();
        return messageId;
    }

    /** The ticket's messages written by followers, by message id: the follower's address and customer id (if any). */
    @Transactional(readOnly = true)
    public Map<String, TicketFollowerView> authors(String accountId, String ticketId) {
        Map<String, TicketFollowerView> authors = new LinkedHashMap<>();
        jdbc.sql("select message_id, email, customer_id from ticket_message_author where account_id = :account and ticket_id = :ticket")
                .param("account", accountId).param("ticket", ticketId)
                .query(rs -> {
                    authors.put(rs.getString("message_id"), new TicketFollowerView(rs.getString("email"), rs.getString("customer_id"), null));
                });
        return authors;
    }

    /** The ticket's followers, oldest first; not found for an unknown ticket. */
    @Transactional(readOnly = true)
    public List<TicketFollowerView> list(String accountId, String ticketId) {
        var ticket = tickets.get(accountId, ticketId);
        return followers(accountId, ticket.id());
    }

    /** The followers of a ticket known to exist (the mail module reads them while it queues a reply's messages). */
    @Transactional(readOnly = true)
    public List<TicketFollowerView> followers(String accountId, String ticketId) {
        return jdbc.sql("""
                select email, customer_id, created_at from ticket_follower where account_id = :account and ticket_id = :ticket
                 order by created_at, email""")
                .param("account", accountId).param("ticket", ticketId)
                .query((rs, row) -> new TicketFollowerView(rs.getString("email"), rs.getString("customer_id"), instant(rs, "created_at")))
                .list();
    }

    private TicketFollowerView resolve(String accountId, String email, String customerId) {
        if (blank(email) == blank(customerId)) {
            throw new InvalidInputException("email", "ticket.follower_email_or_customer");
        }
        if (!blank(customerId)) {
            var customer = customers.find(accountId, CustomerLookup.byInternalIdOrId(customerId))
                    .orElseThrow(() -> new NotFoundException("customer.not_found", customerId));
            if (customer.email() == null || customer.email().isBlank()) {
                throw new RuleViolationException("ticket.follower_without_email");
            }
            return new TicketFollowerView(customer.email().strip().toLowerCase(Locale.ROOT), customer.id(), clock.instant());
        }
        String address = email.strip();
        if (address.length() > 320 || !Emails.isValid(address)) {
            throw new InvalidInputException("email", "parameter.invalid_email");
        }
        address = address.toLowerCase(Locale.ROOT);
        String known = customers.find(accountId, CustomerLookup.byEmail(address)).map(CustomerView::id).orElse(null);
        return new TicketFollowerView(address, known, clock.instant());
    }

    private int count(String accountId, String ticketId) {
        return jdbc.sql("select count(*) from ticket_follower where account_id = :account and ticket_id = :ticket")
                .param("account", accountId).param("ticket", ticketId).query(Integer.class).single();
    }

    private boolean insert(String accountId, String ticketId, TicketFollowerView follower) {
        return jdbc.sql("""
                insert into ticket_follower (account_id, ticket_id, email, customer_id, created_at)
                select :account, :ticket, :email, :customer, :now
                 where not exists (select 1 from ticket_follower where account_id = :account and ticket_id = :ticket and email = :email)""")
                .param("account", accountId).param("ticket", ticketId).param("email", follower.email())
                .param("customer", follower.customerId()).param("now", utc(follower.createdAt())).update() == 1;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
