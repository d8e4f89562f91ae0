package io.atende.ticket;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

import io.atende.platform.Ids;
import io.atende.platform.Inputs;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.platform.RuleViolationException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Saved views of the ticket queues: an operator names a filter to come back to it, for themselves or for the whole
 * account. The filter is the console's to write and to check; here it is kept as text.
 */
@Service
public class SavedTicketViews {

    static final int MAX_NAME = 80;
    static final int MAX_FILTER = 2000;

    private final SavedTicketViewRepository repository;
    private final Clock clock;

    SavedTicketViews(SavedTicketViewRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** The account's shared views and the operator's own, shared ones first, each group by name. */
    @Transactional(readOnly = true)
    public List<SavedTicketView> visibleTo(String accountId, String operatorId) {
        return repository.visibleTo(accountId, operatorId);
    }

    /** One view the operator may see; not found for another operator's own view or another account's. */
    @Transactional(readOnly = true)
    public SavedTicketView get(String accountId, String operatorId, String viewId) {
        return repository.find(accountId, viewId == null ? "" : viewId)
                .filter(view -> view.shared() || view.operatorId().equals(operatorId))
                .orElseThrow(() -> new NotFoundException("ticket.view_not_found"));
    }

    /**
     * Saves a view for the operator alone or, {@code shared}, for every operator of the account. The name is required
     * (at most 80 characters) and unique among the views the operator sees, ignoring case.
     */
    @Transactional
    public SavedTicketView save(String accountId, String operatorId, String name, String filter, boolean shared) {
        String clean = Inputs.requiredText("name", name, MAX_NAME);
        String text = filter == null ? "" : filter.strip();
        if (text.length() > MAX_FILTER) {
            throw new InvalidInputException("filter", "parameter.too_long", MAX_FILTER);
        }
        String key = clean.toLowerCase(Locale.ROOT);
        if (repository.visibleTo(accountId, operatorId).stream().anyMatch(view -> view.name().toLowerCase(Locale.ROOT).equals(key))) {
            throw new RuleViolationException("ticket.view_name_taken", clean);
        }
        var view = new SavedTicketView(Ids.newId(), shared ? null : operatorId, clean, text, operatorId, clock.instant());
        repository.insert(accountId, view);
        return view;
    }

    /**
     * Deletes a view: one's own, or a shared one that one saved; an admin deletes any shared view. Not found for a view
     * the operator does not see, refused for a shared view of someone else.
     */
    @Transactional
    public void delete(String accountId, String operatorId, boolean admin, String viewId) {
        var view = get(accountId, operatorId, viewId);
        if (view.shared() && !admin && !view.createdBy().equals(operatorId)) {
            throw new RuleViolationException("ticket.view_not_yours", view.name());
        }
        repository.delete(accountId, view.id());
    }
}
