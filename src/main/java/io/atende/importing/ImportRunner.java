package io.atende.importing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.atende.chat.ChatImports;
import io.atende.chat.ImportedChat;
import io.atende.customer.CustomerImports;
import io.atende.customer.CustomerLanguage;
import io.atende.customer.CustomerView;
import io.atende.customer.OrganizationView;
import io.atende.customfield.CustomFieldEntity;
import io.atende.customfield.CustomFieldImports;
import io.atende.customfield.CustomFieldType;
import io.atende.customfield.CustomFieldValue;
import io.atende.customfield.CustomFieldView;
import io.atende.department.DepartmentImports;
import io.atende.operator.OperatorImports;
import io.atende.operator.OperatorRole;
import io.atende.platform.Html;
import io.atende.ticket.ImportedTicket;
import io.atende.ticket.MessageKind;
import io.atende.ticket.StopwatchEntry;
import io.atende.ticket.TicketImports;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

import static io.atende.importing.SourceWire.date;
import static io.atende.importing.SourceWire.flag;
import static io.atende.importing.SourceWire.integer;
import static io.atende.importing.SourceWire.refId;
import static io.atende.importing.SourceWire.required;
import static io.atende.importing.SourceWire.text;

/**
 * Works on one import job: each kind in order, page by page, recording after each object where the kind goes on, so
 * that whichever node takes the job next starts there. An object that cannot be read or written is recorded with the
 * reason and skipped; a source that refuses the token or cannot be reached fails the job.
 */
@Component
class ImportRunner {

    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);

    private final ImportRepository jobs;
    private final SourceAddresses addresses;
    private final CustomerImports customers;
    private final DepartmentImports departments;
    private final OperatorImports operators;
    private final TicketImports tickets;
    private final ImportRetries retries;
    private final CustomFieldImports fields;
    private final ChatImports chats;
    private final Clock clock;

    ImportRunner(ImportRepository jobs, SourceAddresses addresses, CustomerImports customers, DepartmentImports departments,
                 OperatorImports operators, TicketImports tickets, ImportRetries retries, CustomFieldImports fields, ChatImports chats, Clock clock) {
        this.retries = retries;
        this.fields = fields;
        this.chats = chats;
        this.jobs = jobs;
        this.addresses = addresses;
        this.customers = customers;
        this.departments = departments;
        this.operators = operators;
        this.tickets = tickets;
        this.clock = clock;
    }

    /** What the worker lends a run: whether to go on (the node is not stopping and still holds the job). */
    interface Lease {
        boolean keep();
    }

    /** What came of one object. */
    private enum Outcome {
        IMPORTED, UNCHANGED
    }

    @FunctionalInterface
    private interface ItemImport {
        Outcome apply(JsonNode item) throws Exception;
    }

    /** Works on the job until it ends, the node stops or the lease is lost. */
    void run(ImportRepository.Job job, Lease lease) throws InterruptedException {
        Runnable reached = job.retryAttempts() == 0 ? () -> { } : () -> jobs.clearRetry(job.accountId(), job.id());
        try (var source = new SourceClient(job.sourceUrl(), job.sourceToken(), job.rate(), addresses, retries.quickPause(), reached)) {
            for (var kind : job.include()) {
                var position = jobs.position(job.accountId(), job.id(), kind);
                if (position.isEmpty()) {
                    continue;
                }
                jobs.startKind(job.accountId(), job.id(), kind, clock.instant());
                boolean finished = switch (kind) {
                    case ORGANIZATIONS -> organizations(job, source, lease);
                    case CUSTOMERS -> paged(job, kind, source, "/customer/list", List.of("show_custom_fields", "1"),
                            position.get(), lease, item -> customer(job.accountId(), item));
                    case OPERATORS -> paged(job, kind, source, "/operator/list", List.of(), position.get(), lease,
                            item -> operator(job.accountId(), item));
                    case DEPARTMENTS -> paged(job, kind, source, "/department/list", List.of(), position.get(), lease,
                            item -> department(job.accountId(), item));
                    case CUSTOM_FIELDS -> customFields(job, source, position.get(), lease);
                    case CHATS -> chatList(job, source, position.get(), lease);
                    case STATUSES -> paged(job, kind, source, "/status/list", List.of(), position.get(), lease,
                            item -> status(job.accountId(), item));
                    case TICKETS -> ticketList(job, source, position.get(), lease);
                };
                if (!finished) {
                    return;
                }
            }
            refreshStatistics(job.include());
            jobs.end(job.accountId(), job.id(), ImportStatus.DONE, null, clock.instant());
            log.info("Import {} of account {} done after {} requests to the source", job.id(), job.accountId(), source.requests());
        } catch (SourceClient.SourceRefused failure) {
            jobs.end(job.accountId(), job.id(), ImportStatus.FAILED, failure.getMessage(), clock.instant());
            log.info("Import {} of account {} failed: {}", job.id(), job.accountId(), failure.getMessage());
        } catch (SourceClient.SourceUnavailable unavailable) {
            waitOrFail(job, unavailable.getMessage());
        }
    }

    /**
     * The source could not be reached: the job waits and tries again later (on whichever node then takes it), and fails
     * only once the attempts in a row reach the limit. The count is the job's as stored: an answer in between cleared it.
     */
    private void waitOrFail(ImportRepository.Job job, String reason) {
        int attempt = jobs.job(job.accountId(), job.id()).map(ImportRepository.Job::retryAttempts).orElse(0) + 1;
        if (retries.exhausted(attempt)) {
            jobs.end(job.accountId(), job.id(), ImportStatus.FAILED,
                    reason + " (gave up after " + attempt + " attempts)", clock.instant());
            log.info("Import {} of account {} failed after {} attempts: {}", job.id(), job.accountId(), attempt, reason);
            return;
        }
        var next = retries.nextAttempt(clock.instant(), attempt);
        jobs.waitToRetry(job.accountId(), job.id(), reason, attempt, next);
        log.info("Import {} of account {} waits until {} (attempt {}): {}", job.id(), job.accountId(), next, attempt, reason);
    }

    private void refreshStatistics(List<ImportKind> kinds) {
        if (kinds.contains(ImportKind.ORGANIZATIONS) || kinds.contains(ImportKind.CUSTOMERS)) {
            customers.refreshStatistics();
        }
        if (kinds.contains(ImportKind.OPERATORS)) {
            operators.refreshStatistics();
        }
        if (kinds.contains(ImportKind.DEPARTMENTS)) {
            departments.refreshStatistics();
        }
        if (kinds.contains(ImportKind.CUSTOM_FIELDS)) {
            fields.refreshStatistics();
        }
        if (kinds.contains(ImportKind.CHATS)) {
            chats.refreshStatistics();
        }
        if (kinds.contains(ImportKind.STATUSES) || kinds.contains(ImportKind.TICKETS)) {
            tickets.refreshStatistics();
        }
    }

    /**
     * Reads a list page by page from the position and imports each item, recording progress after each one.
     *
     * @return whether the kind is finished (false: stopped before)
     */
    private boolean paged(ImportRepository.Job job, ImportKind kind, SourceClient source, String path, List<String> params,
                          ImportRepository.Position from, Lease lease, ItemImport each)
            throws InterruptedException, SourceClient.SourceRefused, SourceClient.SourceUnavailable {
        return paged(job, kind, source, path, params, from, lease, each, null);
    }

    /**
     * As above; {@code unlisted}, when given, is told instead of a failure being recorded when the source will not give
     * the list's first page (the caller then reads the kind elsewhere and records its progress).
     */
    private boolean paged(ImportRepository.Job job, ImportKind kind, SourceClient source, String path, List<String> params,
                          ImportRepository.Position from, Lease lease, ItemImport each, Runnable unlisted)
            throws InterruptedException, SourceClient.SourceRefused, SourceClient.SourceUnavailable {
        int page = from.page();
        int skip = from.item();
        while (true) {
            if (!lease.keep()) {
                return false;
            }
            List<String> query = new ArrayList<>(params);
            query.add("page");
            query.add(Integer.toString(page));
            JsonNode envelope;
            try {
                envelope = source.get(path, query.toArray(String[]::new));
            } catch (SourceClient.ObjectUnavailable refused) {
                // A list the source will not give (a page past the last one, an endpoint it lacks): the kind ends here.
                if (page == 1 && unlisted != null) {
                    unlisted.run();
                    return true;
                }
                if (page == 1) {
                    fail(job, kind, null, path + ": " + refused.getMessage());
                }
                jobs.recordProgress(job.accountId(), job.id(), kind, null, 0, 0, page == 1 ? 1 : 0,
                        new ImportRepository.Position(page, 0), true, clock.instant());
                return true;
            }
            var data = envelope.get("data");
            List<JsonNode> items = new ArrayList<>();
            if (data != null && data.isArray()) {
                data.forEach(items::add);
            }
            Integer total = envelope.hasNonNull("size") ? envelope.get("size").asInt() : items.size();
            var nextPage = envelope.get("next_page");
            boolean last = nextPage == null || nextPage.isNull() || items.isEmpty();
            if (items.isEmpty() || skip >= items.size()) {
                jobs.recordProgress(job.accountId(), job.id(), kind, total, 0, 0, 0,
                        new ImportRepository.Position(last ? page : page + 1, 0), last, clock.instant());
            }
            for (int i = skip; i < items.size(); i++) {
                if (i > skip && !lease.keep()) {
                    return false;
                }
                var item = items.get(i);
                int imported = 0;
                int unchanged = 0;
                int failed = 0;
                try {
                    if (each.apply(item) == Outcome.IMPORTED) {
                        imported = 1;
                    } else {
                        unchanged = 1;
                    }
                } catch (InterruptedException | SourceClient.SourceRefused | SourceClient.SourceUnavailable stop) {
                    throw stop;
                } catch (Exception failure) {
                    failed = 1;
                    fail(job, kind, text(item, "id"), reason(failure));
                }
                boolean endOfPage = i == items.size() - 1;
                var next = endOfPage ? new ImportRepository.Position(last ? page : page + 1, last ? items.size() : 0)
                        : new ImportRepository.Position(page, i + 1);
                jobs.recordProgress(job.accountId(), job.id(), kind, total, imported, unchanged, failed, next,
                        endOfPage && last, clock.instant());
            }
            if (last) {
                return true;
            }
            page++;
            skip = 0;
        }
    }

    private void fail(ImportRepository.Job job, ImportKind kind, String objectId, String reason) {
        jobs.recordFailure(job.accountId(), job.id(), kind, objectId, reason, clock.instant());
    }

    private static String reason(Exception failure) {
        if (failure instanceof DataAccessException access) {
            var cause = access.getMostSpecificCause();
            return "The account refused it: " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : firstLine(cause.getMessage()));
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : firstLine(failure.getMessage());
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    // --- organizations: all at once, parents before their children

    private boolean organizations(ImportRepository.Job job, SourceClient source, Lease lease)
            throws InterruptedException, SourceClient.SourceRefused, SourceClient.SourceUnavailable {
        Map<String, JsonNode> all = new LinkedHashMap<>();
        for (int page = 1; ; page++) {
            if (!lease.keep()) {
                return false;
            }
            JsonNode envelope;
            try {
                envelope = source.get("/organization/list", "page", Integer.toString(page));
            } catch (SourceClient.ObjectUnavailable refused) {
                if (page == 1) {
                    fail(job, ImportKind.ORGANIZATIONS, null, "/organization/list: " + refused.getMessage());
                }
                break;
            }
            var data = envelope.get("data");
            if (data != null && data.isArray()) {
                data.forEach(item -> all.put(text(item, "id"), item));
            }
            var next = envelope.get("next_page");
            if (next == null || next.isNull() || data == null || data.isEmpty()) {
                break;
            }
        }
        // Parents first: an organization whose parent is not written yet waits for a later round.
        int imported = 0;
        int unchanged = 0;
        int failed = 0;
        Set<String> done = new HashSet<>();
        List<JsonNode> pending = new ArrayList<>(all.values());
        while (!pending.isEmpty()) {
            List<JsonNode> waiting = new ArrayList<>();
            for (var item : pending) {
                String parent = refId(item, "parent");
                if (parent != null && all.containsKey(parent) && !done.contains(parent)) {
                    waiting.add(item);
                    continue;
                }
                String id = text(item, "id");
                try {
                    var organization = new OrganizationView(required(item, "id"), required(item, "name"),
                            parent != null && all.containsKey(parent) ? parent : null, null,
                            orNow(date(item, "creation_date")));
                    if (customers.importOrganization(job.accountId(), organization)) {
                        imported++;
                    } else {
                        unchanged++;
                    }
                } catch (RuntimeException failure) {
                    failed++;
                    fail(job, ImportKind.ORGANIZATIONS, id, reason(failure));
                }
                done.add(id);
            }
            if (waiting.size() == pending.size()) {
                // A cycle of parents: the source should not have one; import the rest without their parent.
                waiting.forEach(item -> ((tools.jackson.databind.node.ObjectNode) item).remove("parent"));
            }
            pending = waiting;
        }
        jobs.recordProgress(job.accountId(), job.id(), ImportKind.ORGANIZATIONS, all.size(), imported, unchanged, failed,
                new ImportRepository.Position(1, 0), true, clock.instant());
        return true;
    }

    private Instant orNow(Instant instant) {
        return instant == null ? clock.instant() : instant;
    }

    private Outcome customer(String accountId, JsonNode item) {
        String language = text(item, "language");
        var now = clock.instant();
        var created = orNow(date(item, "creation_date"));
        var customer = new CustomerView(required(item, "id"), required(item, "internal_id"), required(item, "name"),
                blankToNull(text(item, "email")), blankToNull(text(item, "phone")), refId(item, "organization"), null,
                null, integer(item, "monthly_ticket_quota"), flag(item, "allow_create_tickets", true),
                flag(item, "email_validated", false), flag(item, "active", true), flag(item, "account_approved", true),
                language == null ? CustomerLanguage.PT_BR : CustomerLanguage.fromText(language).orElse(CustomerLanguage.PT_BR),
                created, now);
        return customers.importCustomer(accountId, customer, customerValues(item)) ? Outcome.IMPORTED : Outcome.UNCHANGED;
    }

    /** A customer's custom field values ({@code custom_fields: [{id, name, value}]}) by field id; null when not shown. */
    private static Map<String, String> customerValues(JsonNode item) {
        var fields = item.get("custom_fields");
        if (fields == null || !fields.isArray()) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (var field : fields) {
            String id = text(field, "id");
            String value = SourceWire.value(field.get("value"));
            if (id != null && value != null) {
                values.put(id, value);
            }
        }
        return values;
    }

    /**
     * A custom field definition; its department and category must be in the account (departments come first). A field
     * the source names without an entity or type is a ticket's text field, as TomTicket's first fields were.
     */
    private Outcome customField(String accountId, JsonNode item, SameSecondOrder order) {
        String entityName = text(item, "entity");
        var entity = entityName == null ? CustomFieldEntity.TICKET : CustomFieldEntity.fromWireName(entityName.strip())
                .orElseThrow(() -> new SourceWire.Malformed("unknown custom field entity " + entityName));
        String typeName = text(item, "type");
        var type = typeName == null ? CustomFieldType.TEXT : CustomFieldType.fromWireName(typeName.strip())
                .orElseThrow(() -> new SourceWire.Malformed("unknown custom field type " + typeName));
        String departmentId = item.has("department_id") ? blankToNull(text(item, "department_id")) : refId(item, "department");
        String categoryId = item.has("category_id") ? blankToNull(text(item, "category_id")) : refId(item, "category");
        var field = new CustomFieldView(required(item, "id"), required(item, "label"), entity, type, SourceWire.options(item.get("options")),
                flag(item, "required", false), departmentId, categoryId, order.next(orNow(date(item, "creation_date"))));
        return fields(accountId, field) ? Outcome.IMPORTED : Outcome.UNCHANGED;
    }

    private Outcome operator(String accountId, JsonNode item) {
        String role = text(item, "role");
        boolean changed = operators.importOperator(accountId, required(item, "id"), required(item, "name"), required(item, "email"),
                role != null && role.toLowerCase(Locale.ROOT).startsWith("admin") ? OperatorRole.ADMIN : OperatorRole.OPERATOR,
                flag(item, "active", true), orNow(date(item, "creation_date")));
        return changed ? Outcome.IMPORTED : Outcome.UNCHANGED;
    }

    /** A department with its categories and its members (those the account has: operators come before departments). */
    private Outcome department(String accountId, JsonNode item) {
        String id = required(item, "id");
        boolean changed = departments.importDepartment(accountId, id, required(item, "name"));
        var categories = item.get("categories");
        if (categories != null && categories.isArray()) {
            for (var category : categories) {
                changed |= departments.importCategory(accountId, required(category, "id"), id, required(category, "name"));
            }
        }
        var members = item.get("operators");
        if (members != null && members.isArray()) {
            var known = new HashSet<>(operators.idsByName(accountId).values());
            for (var member : members) {
                String operatorId = text(member, "id");
                if (operatorId != null && known.contains(operatorId)) {
                    changed |= departments.importMembership(accountId, id, operatorId);
                }
            }
        }
        return changed ? Outcome.IMPORTED : Outcome.UNCHANGED;
    }

    private Outcome status(String accountId, JsonNode item) {
        boolean changed = tickets.importStatus(accountId, required(item, "id"), required(item, "name"), flag(item, "pauses_sla", false));
        return changed ? Outcome.IMPORTED : Outcome.UNCHANGED;
    }

    // --- custom fields: their list, or what the departments show of them where the source has no list

    private boolean customFields(ImportRepository.Job job, SourceClient source, ImportRepository.Position from, Lease lease)
            throws InterruptedException, SourceClient.SourceRefused, SourceClient.SourceUnavailable {
        var order = new SameSecondOrder();
        boolean[] unlisted = {false};
        boolean finished = paged(job, ImportKind.CUSTOM_FIELDS, source, "/custom_field/list", List.of(), from, lease,
                item -> customField(job.accountId(), item, order), () -> unlisted[0] = true);
        return finished && (!unlisted[0] || customFieldsOfDepartments(job, source, lease));
    }

    /**
     * The ticket fields the departments' nested lists name ({@code general_custom_fields.tickets} of each department,
     * {@code custom_fields} of each category), for a source without {@code /custom_field/list}: they show an id and a
     * label only, so each arrives as an optional text field; a field a single department names is that department's,
     * one several name applies to every ticket.
     */
    private boolean customFieldsOfDepartments(ImportRepository.Job job, SourceClient source, Lease lease)
            throws InterruptedException, SourceClient.SourceRefused, SourceClient.SourceUnavailable {
        record Named(String id, String label, Set<String> departments, String categoryId) {
        }
        Map<String, Named> fields = new LinkedHashMap<>();
        for (int page = 1; ; page++) {
            if (!lease.keep()) {
                return false;
            }
            JsonNode envelope;
            try {
                envelope = source.get("/department/list", "show_nested_items", "1", "page", Integer.toString(page));
            } catch (SourceClient.ObjectUnavailable refused) {
                if (page == 1) {
                    fail(job, ImportKind.CUSTOM_FIELDS, null, "/custom_field/list and /department/list: " + refused.getMessage());
                }
                break;
            }
            var data = envelope.get("data");
            if (data != null && data.isArray()) {
                for (var department : data) {
                    String departmentId = text(department, "id");
                    var general = department.get("general_custom_fields");
                    var tickets = general == null ? null : general.get("tickets");
                    if (tickets != null && tickets.isArray()) {
                        for (var field : tickets) {
                            String id = text(field, "id");
                            if (id != null) {
                                fields.computeIfAbsent(id, key -> new Named(key, text(field, "label"), new HashSet<>(), null))
                                        .departments().add(departmentId);
                            }
                        }
                    }
                    var categories = department.get("categories");
                    if (categories != null && categories.isArray()) {
                        for (var category : categories) {
                            var own = category.get("custom_fields");
                            if (own != null && own.isArray()) {
                                for (var field : own) {
                                    String id = text(field, "id");
                                    if (id != null) {
                                        fields.putIfAbsent(id, new Named(id, text(field, "label"), new HashSet<>(), text(category, "id")));
                                    }
                                }
                            }
                        }
                    }
                }
            }
            var next = envelope.get("next_page");
            if (next == null || next.isNull() || data == null || data.isEmpty()) {
                break;
            }
        }
        int imported = 0;
        int unchanged = 0;
        int failed = 0;
        var now = clock.instant();
        for (var named : fields.values()) {
            try {
                if (named.label() == null || named.label().isBlank()) {
                    throw new SourceWire.Malformed("the source gave no label");
                }
                String departmentId = named.categoryId() == null && named.departments().size() == 1
                        ? named.departments().iterator().next() : null;
                var field = new CustomFieldView(named.id(), named.label(), CustomFieldEntity.TICKET, CustomFieldType.TEXT, List.of(),
                        false, departmentId, named.categoryId(), now);
                if (fields(job.accountId(), field)) {
                    imported++;
                } else {
                    unchanged++;
                }
            } catch (RuntimeException failure) {
                failed++;
                fail(job, ImportKind.CUSTOM_FIELDS, named.id(), reason(failure));
            }
        }
        jobs.recordProgress(job.accountId(), job.id(), ImportKind.CUSTOM_FIELDS, fields.size(), imported, unchanged, failed,
                new ImportRepository.Position(1, 0), true, clock.instant());
        return true;
    }

    private boolean fields(String accountId, CustomFieldView field) {
        try {
            return this.fields.importField(accountId, field);
        } catch (DataIntegrityViolationException missing) {
            throw new IllegalArgumentException("Its department or category is not in the account");
        }
    }

    /**
     * Keeps the source's order of objects listed by creation date whose dates fall in the same second (the source shows
     * seconds; the account orders ties by id): each tie is a millisecond after the one before, within its second.
     */
    private static final class SameSecondOrder {

        private Instant last;

        Instant next(Instant created) {
            Instant at = last != null && !created.isAfter(last) && created.getEpochSecond() == last.getEpochSecond()
                    && last.getNano() < 999_000_000 ? last.plusMillis(1) : created;
            last = at;
            return at;
        }
    }

    // --- tickets: the list by protocol (since the last import's newest change), then each changed ticket's detail

    private boolean ticketList(ImportRepository.Job job, SourceClient source, ImportRepository.Position from, Lease lease)
            throws InterruptedException, SourceClient.SourceRefused, SourceClient.SourceUnavailable {
        List<String> params = new ArrayList<>(List.of("column", "protocol", "order", "ASC"));
        if (job.ticketsSince() != null) {
            params.add("last_update_ge");
            params.add(SourceWire.queryDate(job.ticketsSince()));
        }
        Map<String, String> operatorIds = new HashMap<>(operators.idsByName(job.accountId()));
        return paged(job, ImportKind.TICKETS, source, "/ticket/list", params, from, lease,
                item -> ticket(job, source, item, operatorIds));
    }

    private Outcome ticket(ImportRepository.Job job, SourceClient source, JsonNode item, Map<String, String> operatorIds)
            throws Exception {
        String id = required(item, "id");
        Instant lastUpdate = date(item, "last_update");
        if (lastUpdate != null) {
            jobs.raiseTicketsUntil(job.accountId(), job.id(), lastUpdate);
            var ours = tickets.updatedAt(job.accountId(), id);
            if (ours.isPresent() && ours.get().equals(lastUpdate)) {
                return Outcome.UNCHANGED;
            }
        }
        var detail = source.get("/ticket/detail", "ticket_id", id, "show_stopwatch", "1", "show_tags", "1").get("data");
        if (detail == null || !detail.isObject()) {
            throw new SourceWire.Malformed("the source gave no ticket");
        }
        tickets.importTicket(job.accountId(), ticket(detail, operatorIds, files(source, detail, tickets.messageIds(job.accountId(), id))));
        return Outcome.IMPORTED;
    }

    /**
     * The files of the ticket's messages the account does not have yet, downloaded before the ticket's transaction
     * (no transaction waits on the source), by message id.
     */
    private static Map<String, List<ImportedTicket.File>> files(SourceClient source, JsonNode detail, Set<String> known)
            throws InterruptedException, SourceClient.SourceRefused, SourceClient.SourceUnavailable, SourceClient.ObjectUnavailable {
        Map<String, List<ImportedTicket.File>> files = new HashMap<>();
        for (String list : List.of("replies", "comments")) {
            var messages = detail.get(list);
            if (messages == null || !messages.isArray()) {
                continue;
            }
            for (var message : messages) {
                String messageId = text(message, "id");
                var attachments = message.get("attachments");
                if (messageId == null || known.contains(messageId) || attachments == null || !attachments.isArray()) {
                    continue;
                }
                for (var attachment : attachments) {
                    String url = required(attachment, "url");
                    files.computeIfAbsent(messageId, id -> new ArrayList<>()).add(new ImportedTicket.File(required(attachment, "id"),
                            nonNull(text(attachment, "name")), source.download(url)));
                }
            }
        }
        return files;
    }

    private record Dated(Instant date, int order, ImportedTicket.Message message) {
    }

    private ImportedTicket ticket(JsonNode detail, Map<String, String> operatorIds, Map<String, List<ImportedTicket.File>> files) {
        String operatorId = refId(detail, "operator");
        List<Dated> messages = new ArrayList<>();
        var replies = detail.get("replies");
        if (replies != null && replies.isArray()) {
            for (var reply : replies) {
                boolean byOperator = "A".equalsIgnoreCase(text(reply, "sender_type"));
                MessageKind kind = byOperator ? MessageKind.OPERATOR : messages.isEmpty() ? MessageKind.OPENING : MessageKind.CUSTOMER;
                var created = date(reply, "date");
                String messageId = required(reply, "id");
                messages.add(new Dated(created, messages.size(), new ImportedTicket.Message(messageId, kind,
                        byOperator ? operatorOf(text(reply, "sender"), operatorIds, operatorId) : null, blankToNull(text(reply, "sender")),
                        nonNull(text(reply, "message")), "text/html".equalsIgnoreCase(text(reply, "mimetype")), created,
                        files.getOrDefault(messageId, List.of()))));
            }
        }
        var comments = detail.get("comments");
        if (comments != null && comments.isArray()) {
            for (var comment : comments) {
                var created = date(comment, "date");
                String messageId = required(comment, "id");
                messages.add(new Dated(created, messages.size(), new ImportedTicket.Message(messageId,
                        MessageKind.COMMENT, operatorOf(text(comment, "sender"), operatorIds, operatorId),
                        blankToNull(text(comment, "sender")), nonNull(text(comment, "comment")), false, created, files.getOrDefault(messageId, List.of()))));
            }
        }
        // One order for replies and comments, as they happened; equal times keep the source's order.
        messages.sort(Comparator.comparing(Dated::date, Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(Dated::order));
        var situation = detail.get("situation");
        var evaluation = detail.get("evaluation");
        Integer situationCode = situation == null ? null : integer(situation, "id");
        var createdAt = date(detail, "creation_date");
        if (createdAt == null) {
            throw new SourceWire.Malformed("the source gave no creation_date");
        }
        var updatedAt = date(detail, "last_update");
        var periods = statusPeriods(detail);
        var current = periods.isEmpty() || periods.get(periods.size() - 1).endAt() != null ? null : periods.get(periods.size() - 1);
        return new ImportedTicket(required(detail, "id"), Long.parseLong(required(detail, "protocol")), nonNull(text(detail, "subject")),
                SourceWire.ticketType(text(detail, "ticket_type")), SourceWire.priority(integer(detail, "priority")),
                requiredRef(detail, "customer"), requiredRef(detail, "department"), refId(detail, "category"), operatorId,
                blankToNull(text(detail, "parent_ticket_id")),
                SourceWire.situation(situationCode == null ? 0 : situationCode),
                situation == null || date(situation, "apply_date") == null ? createdAt : date(situation, "apply_date"),
                integer(detail, "work_time") == null ? 0 : integer(detail, "work_time"), flag(detail, "reopened", false),
                evaluation == null ? null : integer(evaluation, "grade"),
                evaluation == null ? null : SourceWire.solved(text(evaluation, "problem_solved")),
                evaluation == null ? null : text(evaluation, "comment"), evaluation == null ? null : date(evaluation, "date"),
                createdAt, date(detail, "first_reply_date"), date(detail, "end_date"), updatedAt == null ? createdAt : updatedAt,
                messages.stream().map(Dated::message).toList(), current == null ? null : current.statusId(),
                current == null ? null : current.startAt(), periods, blankToNull(text(detail.get("customer"), "name")),
                fieldValues(detail, "open"), fieldValues(detail, "closed"), stopwatch(detail), tags(detail));
    }

    /** The ticket's custom field values of one phase ({@code custom_fields.open} or {@code .closed}); null when not shown. */
    private static List<CustomFieldValue> fieldValues(JsonNode detail, String phase) {
        var fields = detail.get("custom_fields");
        var values = fields == null ? null : fields.get(phase);
        if (values == null || !values.isArray()) {
            return null;
        }
        List<CustomFieldValue> list = new ArrayList<>();
        for (var value : values) {
            String text = SourceWire.value(value.get("value"));
            if (text != null) {
                String label = text(value, "label");
                list.add(new CustomFieldValue(required(value, "id"), label == null ? nonNull(text(value, "name")) : label, text));
            }
        }
        return list;
    }

    /** The ticket's stopwatch entries ({@code show_stopwatch=1}); null when not shown. */
    private static List<StopwatchEntry> stopwatch(JsonNode detail) {
        var entries = detail.get("stopwatch");
        if (entries == null || !entries.isArray()) {
            return null;
        }
        List<StopwatchEntry> list = new ArrayList<>();
        for (var entry : entries) {
            var start = date(entry, "start_date");
            var end = date(entry, "end_date");
            if (start == null || end == null) {
                throw new SourceWire.Malformed("a stopwatch entry without its start or end date");
            }
            Integer seconds = integer(entry, "seconds");
            list.add(new StopwatchEntry(required(entry, "id"), refId(entry, "operator"), start, end,
                    seconds == null ? Math.max(0, end.getEpochSecond() - start.getEpochSecond()) : seconds));
        }
        return list;
    }

    /** The ticket's tags ({@code show_tags=1}); null when not shown. */
    private static List<String> tags(JsonNode detail) {
        var tags = detail.get("tags");
        if (tags == null || !tags.isArray()) {
            return null;
        }
        List<String> list = new ArrayList<>();
        tags.forEach(tag -> {
            String text = tag.isObject() ? text(tag, "name") : tag.isNull() ? null : tag.asString();
            if (text != null && !text.isBlank()) {
                list.add(text);
            }
        });
        return list;
    }

    /** The ticket's custom-status periods (detail's {@code status} list), oldest first. */
    private static List<ImportedTicket.StatusPeriod> statusPeriods(JsonNode detail) {
        List<ImportedTicket.StatusPeriod> periods = new ArrayList<>();
        var history = detail.get("status");
        if (history == null || !history.isArray()) {
            return periods;
        }
        for (var period : history) {
            var start = period.get("start");
            var end = period.get("end");
            Instant startAt = start == null ? null : date(start, "date");
            if (startAt == null) {
                throw new SourceWire.Malformed("a status period without its start date");
            }
            periods.add(new ImportedTicket.StatusPeriod(required(period, "id"), startAt, start == null ? null : text(start, "comment"),
                    start == null || start.get("operator") == null ? null : refId(start, "operator"),
                    end == null ? null : date(end, "date"), end == null || end.get("operator") == null ? null : refId(end, "operator"),
                    start == null ? null : blankToNull(text(start.get("operator"), "name")),
                    end == null ? null : blankToNull(text(end.get("operator"), "name"))));
        }
        periods.sort(Comparator.comparing(ImportedTicket.StatusPeriod::startAt));
        return periods;
    }

    // --- chats: the list, then each chat's detail with its messages and files

    private boolean chatList(ImportRepository.Job job, SourceClient source, ImportRepository.Position from, Lease lease)
            throws InterruptedException, SourceClient.SourceRefused, SourceClient.SourceUnavailable {
        Map<String, String> operatorIds = new HashMap<>(operators.idsByName(job.accountId()));
        return paged(job, ImportKind.CHATS, source, "/chat/list", List.of(), from, lease,
                item -> chat(job, source, item, operatorIds));
    }

    private Outcome chat(ImportRepository.Job job, SourceClient source, JsonNode item, Map<String, String> operatorIds) throws Exception {
        String id = required(item, "id");
        var detail = source.get("/chat/detail", "chat_id", id).get("data");
        if (detail == null || !detail.isObject()) {
            throw new SourceWire.Malformed("the source gave no chat");
        }
        var known = chats.messageIds(job.accountId(), id);
        String customerId = requiredRef(detail, "customer");
        String operatorId = refId(detail, "operator");
        List<ImportedChat.Message> messages = new ArrayList<>();
        var list = detail.get("messages");
        if (list != null && list.isArray()) {
            for (var message : list) {
                String messageId = required(message, "id");
                var sender = SourceWire.chatSender(text(message, "sender_type"));
                String name = blankToNull(text(message, "sender"));
                String senderId = switch (sender) {
                    case OPERATOR -> name == null ? operatorId : operatorIds.getOrDefault(name, operatorId);
                    case CUSTOMER -> customerId;
                    case SYSTEM -> null;
                };
                String body = nonNull(text(message, "message"));
                String mimetype = text(message, "mimetype");
                boolean html = mimetype == null ? Html.hasMarkup(body) : "text/html".equalsIgnoreCase(mimetype);
                List<ImportedChat.File> files = new ArrayList<>();
                var attachments = message.get("attachments");
                if (!known.contains(messageId) && attachments != null && attachments.isArray()) {
                    for (var attachment : attachments) {
                        files.add(new ImportedChat.File(required(attachment, "id"), nonNull(text(attachment, "name")),
                                source.download(required(attachment, "url"))));
                    }
                }
                messages.add(new ImportedChat.Message(messageId, sender, senderId, name, body, html, date(message, "date"), files));
            }
        }
        var situation = detail.get("situation");
        Integer code = situation == null ? null : integer(situation, "id");
        var evaluation = detail.get("evaluation");
        var createdAt = date(detail, "creation_date");
        if (createdAt == null) {
            throw new SourceWire.Malformed("the source gave no creation_date");
        }
        Integer unread = integer(detail, "unread_messages");
        var chat = new ImportedChat(id, Long.parseLong(required(detail, "protocol")), SourceWire.chatSituation(code == null ? 1 : code),
                customerId, requiredRef(detail, "department"), operatorId, createdAt, date(detail, "start_date"),
                date(detail, "end_date"), unread == null ? 0 : unread, evaluation == null ? null : integer(evaluation, "grade"),
                evaluation == null ? null : text(evaluation, "comment"), messages);
        return chats.importChat(job.accountId(), chat) ? Outcome.IMPORTED : Outcome.UNCHANGED;
    }

    /**
     * The operator who wrote a message the source names only by its author's name: the account's operator of that name,
     * else the ticket's; nobody when the source names nobody (a message an API token wrote).
     */
    private static String operatorOf(String sender, Map<String, String> operatorIds, String ticketOperatorId) {
        return sender == null || sender.isBlank() ? null : operatorIds.getOrDefault(sender, ticketOperatorId);
    }

    private static String requiredRef(JsonNode node, String field) {
        String id = refId(node, field);
        if (id == null) {
            throw new SourceWire.Malformed("the source gave no " + field);
        }
        return id;
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
