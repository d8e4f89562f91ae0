package io.atende.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.atende.audit.AuditTrail;
import io.atende.customer.OrganizationManagement;
import io.atende.department.DepartmentManagement;
import io.atende.platform.AccountCache;
import io.atende.platform.AccountCaches;
import io.atende.platform.Ids;
import io.atende.platform.Inputs;
import io.atende.platform.InvalidInputException;
import io.atende.platform.NotFoundException;
import io.atende.platform.RuleViolationException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Business-hour calendars and service-level policies of an account, and which policy applies to a ticket. */
@Service
public class SlaManagement {

    /** The longest target and the longest span a deadline is asked for: ten years of minutes. */
    public static final int MAX_MINUTES = 10 * 365 * 24 * 60;

    private final SlaRepository repository;
    private final DepartmentManagement departments;
    private final OrganizationManagement organizations;
    private final AuditTrail audit;
    private final Clock clock;
    // Every ticket's change asks which policy applies and how it measures: read from this node's copy.
    private final AccountCache<Settings> settings;

    SlaManagement(SlaRepository repository, DepartmentManagement departments, OrganizationManagement organizations, AuditTrail audit,
                  Clock clock, AccountCaches caches) {
        this.repository = repository;
        this.departments = departments;
        this.organizations = organizations;
        this.audit = audit;
        this.clock = clock;
        this.settings = caches.create("sla", this::load);
    }

    /**
     * An account's policies in the order they are tried and its calendars by id, as one change of a ticket reads them:
     * which policy applies and how each measures come from the same copy.
     */
    record Settings(List<SlaPolicy> policies, Map<String, SlaPolicy> policiesById, Map<String, BusinessCalendar> calendars) {

        /** The policy that applies to a ticket with these traits, if any: see {@link SlaPolicy#matching}. */
        Optional<SlaPolicy> policyFor(TicketTraits ticket) {
            return SlaPolicy.matching(policies, ticket);
        }

        /** How the policy measures; {@code null} once it is deleted, so its clocks stop counting. */
        SlaMeasure measure(String policyId) {
            var policy = policiesById.get(policyId);
            if (policy == null) {
                return null;
            }
            var calendar = policy.calendarId() == null ? BusinessCalendar.twentyFourSeven() : calendars.get(policy.calendarId());
            // A policy's calendar cannot be deleted while the policy uses it; both come from one read.
            return calendar == null ? null : new SlaMeasure(policy.id(), calendar, policy.targets(), policy.warningPercent());
        }
    }

    private Settings load(String accountId) {
        var policies = List.copyOf(repository.listPolicies(accountId));
        Map<String, SlaPolicy> byId = new LinkedHashMap<>();
        policies.forEach(policy -> byId.put(policy.id(), policy));
        Map<String, BusinessCalendar> calendars = new LinkedHashMap<>();
        repository.listCalendars(accountId).forEach(calendar -> calendars.put(calendar.id(), calendar.calendar()));
        return new Settings(policies, Map.copyOf(byId), Map.copyOf(calendars));
    }

    /** Creates a calendar; name, time zone and hours are required, names unique in the account ignoring case. */
    @Transactional
    public CalendarView createCalendar(String accountId, DefineCalendar definition) {
        String name = Inputs.requiredText("name", definition.name(), 250);
        refuseTakenCalendarName(accountId, name, null);
        var calendar = new BusinessCalendar(zone(definition.timeZone()), hours(definition.hours()), holidays(definition.holidays()));
        var created = new CalendarView(Ids.newId(), name, calendar, clock.instant());
        repository.insertCalendar(accountId, created);
        settings.changed(accountId);
        audit.record(accountId, "calendar.created", "calendar", created.id(), null, audited(created));
        return created;
    }

    /** Changes a calendar; each {@code null} member of the definition keeps what it has. */
    @Transactional
    public CalendarView updateCalendar(String accountId, String calendarId, DefineCalendar changes) {
        var current = getCalendar(accountId, calendarId);
        String name = changes.name() == null ? current.name() : Inputs.requiredText("name", changes.name(), 250);
        refuseTakenCalendarName(accountId, name, current.id());
        var was = current.calendar();
        var calendar = new BusinessCalendar(changes.timeZone() == null ? was.zone() : zone(changes.timeZone()),
                changes.hours() == null ? was.hours() : hours(changes.hours()),
                changes.holidays() == null ? was.holidays() : holidays(changes.holidays()));
        var changed = new CalendarView(current.id(), name, calendar, current.createdAt());
        repository.updateCalendar(accountId, changed, clock.instant());
        settings.changed(accountId);
        audit.record(accountId, "calendar.updated", "calendar", changed.id(), audited(current), audited(changed));
        return changed;
    }

    /** Deletes a calendar; refused while a policy measures on it. */
    @Transactional
    public void deleteCalendar(String accountId, String calendarId) {
        var calendar = getCalendar(accountId, calendarId);
        if (repository.calendarInUse(accountId, calendar.id())) {
            throw new RuleViolationException("calendar.in_use", calendar.name());
        }
        repository.deleteCalendar(accountId, calendar.id());
        settings.changed(accountId);
        audit.record(accountId, "calendar.deleted", "calendar", calendar.id(), audited(calendar), null);
    }

    /** The calendar, or not found. */
    @Transactional(readOnly = true)
    public CalendarView getCalendar(String accountId, String calendarId) {
        return repository.findCalendar(accountId, calendarId)
                .orElseThrow(() -> new NotFoundException("calendar.not_found", calendarId));
    }

    /** Every calendar of the account, by name. */
    @Transactional(readOnly = true)
    public List<CalendarView> listCalendars(String accountId) {
        return repository.listCalendars(accountId);
    }

    /** The business calendar a policy measures on: its calendar, or 24x7 without one. */
    @Transactional(readOnly = true)
    public BusinessCalendar calendarOf(String accountId, SlaPolicy policy) {
        if (policy.calendarId() == null) {
            return BusinessCalendar.twentyFourSeven();
        }
        var calendar = settings(accountId).calendars().get(policy.calendarId());
        return calendar != null ? calendar : getCalendar(accountId, policy.calendarId()).calendar();
    }

    /** When {@code minutes} of the calendar's business time have passed since {@code start}. */
    @Transactional(readOnly = true)
    public Instant deadline(String accountId, String calendarId, Instant start, int minutes) {
        var calendar = getCalendar(accountId, calendarId).calendar();
        if (minutes < 0 || minutes > MAX_MINUTES) {
            throw new InvalidInputException("minutes", "parameter.out_of_range", 0, MAX_MINUTES);
        }
        return calendar.deadline(start, Duration.ofMinutes(minutes));
    }

    /** Creates a policy; the conditions must name the account's own department, category and organization. */
    @Transactional
    public SlaPolicy createPolicy(String accountId, DefinePolicy definition) {
        String name = Inputs.requiredText("name", definition.name(), 250);
        refuseTakenPolicyName(accountId, name, null);
        check(accountId, definition);
        int position = definition.position() == null ? repository.lastPosition(accountId) + 1 : definition.position();
        var policy = new SlaPolicy(Ids.newId(), name, definition.calendarId(), definition.conditions(), definition.targets(),
                definition.warningPercent(), position, definition.active(), clock.instant());
        repository.insertPolicy(accountId, policy);
        settings.changed(accountId);
        audit.record(accountId, "sla_policy.created", "sla_policy", policy.id(), null, audited(policy));
        return policy;
    }

    /** Replaces a policy's definition; a {@code null} position keeps its place. */
    @Transactional
    public SlaPolicy updatePolicy(String accountId, String policyId, DefinePolicy definition) {
        var current = getPolicy(accountId, policyId);
        String name = Inputs.requiredText("name", definition.name(), 250);
        refuseTakenPolicyName(accountId, name, current.id());
        check(accountId, definition);
        var policy = new SlaPolicy(current.id(), name, definition.calendarId(), definition.conditions(), definition.targets(),
                definition.warningPercent(), definition.position() == null ? current.position() : definition.position(),
                definition.active(), current.createdAt());
        repository.updatePolicy(accountId, policy, clock.instant());
        settings.changed(accountId);
        audit.record(accountId, "sla_policy.updated", "sla_policy", policy.id(), audited(current), audited(policy));
        return policy;
    }

    @Transactional
    public void deletePolicy(String accountId, String policyId) {
        var policy = getPolicy(accountId, policyId);
        repository.deletePolicy(accountId, policy.id());
        settings.changed(accountId);
        audit.record(accountId, "sla_policy.deleted", "sla_policy", policy.id(), audited(policy), null);
    }

    private static Map<String, Object> audited(CalendarView calendar) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", calendar.name());
        fields.put("time_zone", calendar.calendar().zone().getId());
        fields.put("hours", calendar.calendar().hours().toString());
        fields.put("holidays", calendar.calendar().holidays().texts());
        return fields;
    }

    private static Map<String, Object> audited(SlaPolicy policy) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", policy.name());
        fields.put("calendar_id", policy.calendarId());
        fields.put("department_id", policy.conditions().departmentId());
        fields.put("category_id", policy.conditions().categoryId());
        fields.put("priorities", policy.conditions().priorities().stream().map(Enum::name).sorted().toList());
        fields.put("organization_id", policy.conditions().organizationId());
        fields.put("first_reply_minutes", minutes(policy.targets().firstReply()));
        fields.put("next_reply_minutes", minutes(policy.targets().nextReply()));
        fields.put("resolution_minutes", minutes(policy.targets().resolution()));
        fields.put("warning_percent", policy.warningPercent());
        fields.put("position", policy.position());
        fields.put("active", policy.active());
        return fields;
    }

    private static Long minutes(Duration target) {
        return target == null ? null : target.toMinutes();
    }

    /** The policy, or not found. */
    @Transactional(readOnly = true)
    public SlaPolicy getPolicy(String accountId, String policyId) {
        return repository.findPolicy(accountId, policyId).orElseThrow(() -> new NotFoundException("sla.not_found", policyId));
    }

    /** Every policy of the account, in the order they are tried. */
    @Transactional(readOnly = true)
    public List<SlaPolicy> listPolicies(String accountId) {
        return repository.listPolicies(accountId);
    }

    /** The policy that applies to a ticket with these traits, if any: see {@link SlaPolicy#matching}. */
    @Transactional(readOnly = true)
    public Optional<SlaPolicy> policyFor(String accountId, TicketTraits ticket) {
        return settings(accountId).policyFor(ticket);
    }

    /** The account's policies and calendars from this node's copy, loaded when it has none. */
    Settings settings(String accountId) {
        return settings.get(accountId);
    }

    /** When each of the policy's targets would fall due for a ticket opened at {@code openedAt}. */
    @Transactional(readOnly = true)
    public PolicyPreview preview(String accountId, SlaPolicy policy, Instant openedAt) {
        var calendar = calendarOf(accountId, policy);
        var targets = policy.targets();
        return new PolicyPreview(openedAt, due(calendar, openedAt, targets.firstReply()), due(calendar, openedAt, targets.nextReply()),
                due(calendar, openedAt, targets.resolution()));
    }

    private static Instant due(BusinessCalendar calendar, Instant start, Duration target) {
        return target == null ? null : calendar.deadline(start, target);
    }

    private void check(String accountId, DefinePolicy definition) {
        if (definition.calendarId() != null) {
            getCalendar(accountId, definition.calendarId());
        }
        var conditions = definition.conditions();
        if (conditions.departmentId() != null) {
            departments.getDepartment(accountId, conditions.departmentId());
        }
        if (conditions.categoryId() != null) {
            var category = departments.getCategory(accountId, conditions.categoryId());
            if (conditions.departmentId() != null && !category.departmentId().equals(conditions.departmentId())) {
                throw new InvalidInputException("category_id", "sla.category_outside_department");
            }
        }
        if (conditions.organizationId() != null) {
            organizations.get(accountId, conditions.organizationId());
        }
        var targets = definition.targets();
        if (targets.firstReply() == null && targets.nextReply() == null && targets.resolution() == null) {
            throw new InvalidInputException("resolution_minutes", "sla.target_required");
        }
        checkTarget("first_reply_minutes", targets.firstReply());
        checkTarget("next_reply_minutes", targets.nextReply());
        checkTarget("resolution_minutes", targets.resolution());
        if (definition.warningPercent() < 1 || definition.warningPercent() > 99) {
            throw new InvalidInputException("warning_percent", "parameter.out_of_range", 1, 99);
        }
        if (definition.position() != null && (definition.position() < 0 || definition.position() > 1_000_000)) {
            throw new InvalidInputException("position", "parameter.out_of_range", 0, 1_000_000);
        }
    }

    private static void checkTarget(String parameter, Duration target) {
        if (target != null && (target.toMinutes() < 1 || target.toMinutes() > MAX_MINUTES || target.toSecondsPart() != 0)) {
            throw new InvalidInputException(parameter, "parameter.out_of_range", 1, MAX_MINUTES);
        }
    }

    private void refuseTakenCalendarName(String accountId, String name, String exceptId) {
        if (repository.calendarNameTaken(accountId, name, exceptId)) {
            throw new RuleViolationException("calendar.name_taken", name);
        }
    }

    private void refuseTakenPolicyName(String accountId, String name, String exceptId) {
        if (repository.policyNameTaken(accountId, name, exceptId)) {
            throw new RuleViolationException("sla.name_taken", name);
        }
    }

    private static BusinessHours hours(String text) {
        return BusinessHours.parse(Inputs.optionalText("hours", text, 4000));
    }

    private static Holidays holidays(String text) {
        return Holidays.parse(Inputs.optionalText("holidays", text, 8000));
    }

    private static ZoneId zone(String id) {
        if (id == null || id.isBlank()) {
            throw new InvalidInputException("time_zone", "parameter.required");
        }
        String clean = id.strip();
        // IANA names only: a fixed offset would ignore the zone's daylight-saving changes.
        if (!ZoneId.getAvailableZoneIds().contains(clean)) {
            throw new InvalidInputException("time_zone", "calendar.time_zone_invalid", clean);
        }
        return ZoneId.of(clean);
    }
}
