package io.atende.customer;

import java.time.Clock;
import java.util.ArrayList;

import io.atende.audit.AuditTrail;
import io.atende.platform.RuleViolationException;
import io.atende.webhook.WebhookManagement;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erasure of a customer's personal data (LGPD/GDPR, docs/data-protection.md). Apart from {@link CustomerManagement}
 * because it reaches the webhook outbox, whose snapshots read customers.
 */
@Service
public class CustomerErasures {

    private final CustomerManagement customers;
    private final CustomerRepository repository;
    private final ObjectProvider<CustomerErasureParticipant> participants;
    private final WebhookManagement webhooks;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CustomerErasures(CustomerManagement customers, CustomerRepository repository, ObjectProvider<CustomerErasureParticipant> participants,
                     WebhookManagement webhooks, AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
        this.customers = customers;
        this.repository = repository;
        this.participants = participants;
        this.webhooks = webhooks;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Erases the personal data of the customer the lookup names (not found if none), irreversibly: its name becomes
     * {@link CustomerErasure#NEUTRAL_TEXT}, its internal id its own id; its e-mail address, phone and custom field
     * values go; each {@link CustomerErasureParticipant} erases what its module holds (subjects, messages and files
     * of the customer's tickets and chats, portal access, mail); webhook events about the customer and those records
     * are forgotten, and the audit log keeps who acted on them and when but no recorded values. Counts (reports)
     * stay. Refused as a rule violation for a customer already anonymized.
     */
    @Transactional
    public CustomerView anonymize(String accountId, CustomerLookup lookup) {
        var customer = customers.get(accountId, lookup);
        if (customers.isAnonymized(accountId, customer.id())) {
            throw new RuleViolationException("customer.already_anonymized");
        }
        var erasure = new CustomerErasure(accountId, customer);
        participants.orderedStream().forEach(participant -> participant.erase(erasure));
        repository.anonymize(accountId, customer.id(), CustomerErasure.NEUTRAL_TEXT, clock.instant());
        repository.replaceSearchTerms(accountId, customer.id(), SearchTerms.of(CustomerErasure.NEUTRAL_TEXT, null, customer.id()));
        var traced = new ArrayList<>(erasure.erasedRecordIds());
        traced.add(customer.id());
        webhooks.forgetSubjects(accountId, traced);
        audit.forgetSubjects(accountId, traced, CustomerErasure.NEUTRAL_TEXT);
        audit.record(accountId, "customer.anonymized", "customer", customer.id(), null, null);
        events.publishEvent(new CustomerAnonymized(accountId, customer.id()));
        return customers.get(accountId, customer.id());
    }
}
