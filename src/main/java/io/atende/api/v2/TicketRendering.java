package io.atende.api.v2;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.atende.customer.CustomerManagement;
import io.atende.customer.CustomerView;
import io.atende.customfield.CustomFieldValue;
import io.atende.department.CategoryView;
import io.atende.department.DepartmentManagement;
import io.atende.department.DepartmentView;
import io.atende.operator.OperatorManagement;
import io.atende.operator.OperatorView;
import io.atende.sla.SlaTarget;
import io.atende.sla.TicketClocks;
import io.atende.sla.TicketSlaReading;
import io.atende.ticket.OpenedTicket;
import io.atende.ticket.Situation;
import io.atende.ticket.StopwatchEntry;
import io.atende.ticket.TicketDetail;
import io.atende.ticket.TicketMessageView;
import io.atende.ticket.TicketSnapshot;
import io.atende.ticket.TicketStatusManagement;
import io.atende.ticket.TicketStatusPeriod;
import io.atende.ticket.TicketStatusView;
import io.atende.ticket.TicketView;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tickets in their wire shape (numbers as numbers, empty references as objects with null members,
 * situation descriptions in pt-BR as TomTicket returns them), for the ticket endpoints and for
 * Standard Webhooks deliveries alike.
 */
@Component
class TicketRendering {

    private static final int TRUNCATED_BODY = 250;
    private static final String DOWNLOAD_PATH = "/ticket/attachment";
    private static final Map<Situation, String> SITUATIONS = Map.ofEntries(
            Map.entry(Situation.NO_OPERATOR, "Sem atendente vinculado"),
            Map.entry(Situation.NOT_STARTED, "Não iniciado pelo atendente"),
            Map.entry(Situation.AWAITING_CUSTOMER, "Respondido, aguardando resposta do cliente"),
            Map.entry(Situation.AWAITING_OPERATOR, "Respondido pelo cliente, aguardando resposta"),
            Map.entry(Situation.CANCELLED, "Cancelado"),
            Map.entry(Situation.FINISHED, "Finalizado"),
            Map.entry(Situation.OPERATOR_CHANGED, "Atendente modificado"),
            Map.entry(Situation.SENT_TO_SUPPORT_TEAM, "Enviado para equipe de apoio"),
            Map.entry(Situation.AWAITING_FINISH_APPROVAL, "Aguardando aprovação de finalização do gerente"),
            Map.entry(Situation.AWAITING_CANCEL_APPROVAL, "Aguardando aprovação de cancelamento do gerente"),
            Map.entry(Situation.AWAITING_MANAGER_EVALUATION, "Aguardando avaliação do gerente para enviar ao cliente"),
            Map.entry(Situation.AWAITING_CUSTOMER_APPROVAL, "Aguardando aprovação do cliente"));

    private final TicketStatusManagement statuses;
    private final CustomerManagement customers;
    private final DepartmentManagement departments;
    private final OperatorManagement operators;
    private final TicketClocks clocks;
    private final JsonMapper json;
    private final Clock clock;

    TicketRendering(TicketStatusManagement statuses, CustomerManagement customers, DepartmentManagement departments,
                    OperatorManagement operators, TicketClocks clocks, JsonMapper json, Clock clock) {
        this.statuses = statuses;
        this.clocks = clocks;
        this.customers = customers;
        this.departments = departments;
        this.operators = operators;
        this.json = json;
        this.clock = clock;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CustomerRef(String id, String internalId, String name, String email, Wire.Ref organization) {

        static final CustomerRef EMPTY = new CustomerRef(null, null, null, null, Wire.Ref.EMPTY);
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StateWire(Object id, String description, String applyDate) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record EvaluationWire(Integer grade, String problemSolved, String comment, String date) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DeadlineWire(String date, Boolean accomplished) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SlaWire(DeadlineWire deadline) {
    }

    /** One SLA target's clock on a ticket: an extension of /ticket/detail and /ticket/list. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SlaTargetWire(String target, String deadline, Long remainingMinutes, boolean paused, boolean breached,
                         String accomplishedDate) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TicketWire(String id, long protocol, String subject, String message, String mimetype, int priority,
                      String ticketType, long workTime, long elapsedTime, String creationDate, String firstReplyDate,
                      String endDate, String lastUpdate, boolean reopened, String parentTicketId, String scheduleDate,
                      boolean activeWhatsapp, CustomerRef customer, Wire.Ref department, Wire.Ref category,
                      Wire.Ref operator, StateWire situation, StateWire status, EvaluationWire evaluation, SlaWire sla,
                      Object cost, String mergedIntoTicketId) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ReplyWire(String id, String date, String sender, String senderType, String message, String mimetype,
                     List<ApiAttachments.AttachmentWire> attachments) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CommentWire(String id, String date, String sender, String comment, List<ApiAttachments.AttachmentWire> attachments) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StatusStartWire(String date, String comment, Wire.Ref operator) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StatusEndWire(String date, Wire.Ref operator) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StatusPeriodWire(String id, String description, StatusStartWire start, StatusEndWire end) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record FieldWire(String id, String label, String value) {

        static FieldWire of(CustomFieldValue value) {
            return new FieldWire(value.fieldId(), value.label(), value.value());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StopwatchWire(String id, Wire.Ref operator, String startDate, String endDate, long seconds) {
    }

    /** What /ticket/detail shows beyond the ticket and its conversation, each off unless asked for. */
    record DetailOptions(boolean stopwatch, boolean tags, boolean staggered) {

        static final DetailOptions DEFAULT = new DetailOptions(false, false, false);
    }

    /**
     * Names of what a page of tickets references, by id, fetched once per page rather than once per ticket; {@code asOf}
     * is when durations still running end; {@code sla} the tickets' SLA clocks, {@code null} where a rendering reads none
     * (a snapshot renders as it was taken).
     */
    private record Names(ZoneId zone, Instant asOf, Map<String, CustomerView> customers, Map<String, String> operators,
                         Map<String, String> departments, Map<String, String> categories, Map<String, String> statuses,
                         Map<String, TicketSlaReading> sla) {
    }

    // Each rendering reads its names in one read-only transaction instead of one per lookup.
    @Transactional(readOnly = true)
    TicketWire single(String account, ZoneId zone, TicketView ticket) {
        return renderer(account, zone, List.of(ticket), false).apply(ticket);
    }

    /** A ticket just opened, named from what its checks read; only its SLA clocks are looked up. */
    TicketWire opened(String account, ZoneId zone, OpenedTicket opened) {
        var ticket = opened.ticket();
        var names = new Names(zone, clock.instant(), Map.of(opened.customer().id(), opened.customer()),
                opened.operator() == null ? Map.of() : Map.of(opened.operator().id(), opened.operator().name()),
                Map.of(opened.department().id(), opened.department().name()),
                opened.category() == null ? Map.of() : Map.of(opened.category().id(), opened.category().name()), Map.of(),
                clocks.readings(account, List.of(ticket.id())));
        return wire(ticket, names, false);
    }

    /** Renders tickets with one lookup each for their customers, operators, departments, categories and statuses. */
    @Transactional(readOnly = true)
    Function<TicketView, TicketWire> renderer(String account, ZoneId zone, Collection<TicketView> items, boolean truncate) {
        var names = names(account, zone, items, Set.of());
        return ticket -> wire(ticket, names, truncate);
    }

    /**
     * Renders the items of /ticket/list: each ticket with its SLA policy and targets, all read with one lookup each for
     * the names and the clocks they reference.
     */
    @Transactional(readOnly = true)
    Function<TicketView, Map<String, Object>> listed(String account, ZoneId zone, Collection<TicketView> items, boolean truncate) {
        var names = names(account, zone, items, Set.of());
        return ticket -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> body = json.convertValue(wire(ticket, names, truncate), LinkedHashMap.class);
            putSla(body, ticket, names);
            return body;
        };
    }

    /** The object /ticket/detail holds: the ticket with its replies, comments, status history and custom fields. */
    @Transactional(readOnly = true)
    Map<String, Object> detail(String account, ZoneId zone, TicketDetail detail, DetailOptions options) {
        return details(account, zone, List.of(detail), options).get(0);
    }

    /** {@link #detail} of each of the tickets, in their order, with one lookup of the names they all reference. */
    @Transactional(readOnly = true)
    List<Map<String, Object>> details(String account, ZoneId zone, List<TicketDetail> details, DetailOptions options) {
        List<TicketView> all = new ArrayList<>();
        Set<String> extraOperators = new HashSet<>();
        for (var detail : details) {
            all.add(detail.ticket());
            all.addAll(detail.children());
            detail.messages().forEach(message -> extraOperators.add(message.operatorId()));
            detail.statuses().forEach(period -> {
                extraOperators.add(period.startOperatorId());
                extraOperators.add(period.endOperatorId());
            });
            detail.stopwatch().forEach(entry -> extraOperators.add(entry.operatorId()));
        }
        var names = names(account, zone, all, extraOperators);
        String base = ApiAttachments.downloadBase(DOWNLOAD_PATH);
        return details.stream().map(detail -> detail(detail, names, options, base)).toList();
    }

    /**
     * {@link #detail} of a ticket's snapshot, as of when it was taken, its links under {@code origin} (none: relative to
     * the server's root): reads nothing, so the same snapshot always renders the same.
     */
    Map<String, Object> detail(TicketSnapshot snapshot, ZoneId zone, Instant asOf, String origin) {
        var ticket = snapshot.ticket();
        var names = new Names(zone, asOf,
                snapshot.customer() == null ? Map.of() : Map.of(snapshot.customer().id(), snapshot.customer()),
                snapshot.operatorNames(),
                snapshot.departmentName() == null ? Map.of() : Map.of(ticket.departmentId(), snapshot.departmentName()),
                snapshot.categoryName() == null ? Map.of() : Map.of(ticket.categoryId(), snapshot.categoryName()),
                snapshot.statusNames(), null);
        var detail = new TicketDetail(ticket, snapshot.messages(), snapshot.statuses(), snapshot.openingFields(),
                snapshot.finishFields(), List.of(), List.of(), List.of());
        return detail(detail, names, DetailOptions.DEFAULT, (origin == null ? "" : origin) + ApiRoutes.BASE_PATH + DOWNLOAD_PATH);
    }

    private Map<String, Object> detail(TicketDetail detail, Names names, DetailOptions options, String base) {
        var zone = names.zone();
        var ticket = detail.ticket();

        @SuppressWarnings("unchecked")
        Map<String, Object> body = json.convertValue(wire(ticket, names, false), LinkedHashMap.class);
        if (names.sla() != null) {
            putSla(body, ticket, names);
        }
        var customer = names.customers().get(ticket.customerId());
        List<ReplyWire> replies = new ArrayList<>();
        List<CommentWire> comments = new ArrayList<>();
        for (TicketMessageView message : detail.messages()) {
            var files = ApiAttachments.wires(message.attachments(), base);
            String date = ApiDates.format(message.createdAt(), zone);
            String sender = message.kind().byOperator() ? operatorName(names, message.operatorId())
                    : customer == null ? null : customer.name();
            if (message.kind().isComment()) {
                comments.add(new CommentWire(message.id(), date, sender, message.body(), files));
            } else {
                replies.add(new ReplyWire(message.id(), date, sender, message.kind().byOperator() ? "A" : "C", message.body(),
                        mimetype(message.html()), files));
            }
        }
        body.put("replies", replies);
        body.put("comments", comments);
        List<StatusPeriodWire> history = new ArrayList<>();
        StatusPeriodWire current = null;
        for (TicketStatusPeriod period : detail.statuses()) {
            var item = new StatusPeriodWire(period.statusId(), names.statuses().get(period.statusId()),
                    new StatusStartWire(ApiDates.format(period.startAt(), zone), period.startComment(),
                            operatorRef(names, period.startOperatorId())),
                    period.endAt() == null ? new StatusEndWire(null, Wire.Ref.EMPTY)
                            : new StatusEndWire(ApiDates.format(period.endAt(), zone),
                            operatorRef(names, period.endOperatorId())));
            history.add(item);
            if (period.endAt() == null) {
                current = item;
            }
        }
        body.put("status", history);
        body.put("current_status", current);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("open", detail.openingFields().stream().map(FieldWire::of).toList());
        fields.put("closed", detail.finishFields().stream().map(FieldWire::of).toList());
        body.put("custom_fields", fields);
        if (options.stopwatch()) {
            body.put("stopwatch", detail.stopwatch().stream().map(entry -> stopwatchWire(entry, names)).toList());
        }
        if (options.tags()) {
            body.put("tags", detail.tags());
        }
        if (options.staggered()) {
            body.put("staggered_tickets", detail.children().stream().map(child -> wire(child, names, false)).toList());
        }
        return body;
    }

    private Names names(String account, ZoneId zone, Collection<TicketView> items, Set<String> moreOperators) {
        Set<String> customerIds = items.stream().map(TicketView::customerId).collect(Collectors.toSet());
        Set<String> operatorIds = new HashSet<>(moreOperators);
        items.forEach(ticket -> operatorIds.add(ticket.operatorId()));
        operatorIds.remove(null);
        return new Names(zone, clock.instant(), customers.findAll(account, customerIds),
                operators.findAll(account, operatorIds).values().stream().collect(Collectors.toMap(OperatorView::id, OperatorView::name)),
                departments.listDepartments(account).stream().collect(Collectors.toMap(DepartmentView::id, DepartmentView::name)),
                items.stream().anyMatch(ticket -> ticket.categoryId() != null)
                        ? departments.listAllCategories(account).stream().collect(Collectors.toMap(CategoryView::id, CategoryView::name))
                        : Map.of(),
                statuses.list(account).stream().collect(Collectors.toMap(TicketStatusView::id, TicketStatusView::name)),
                clocks.readings(account, items.stream().map(TicketView::id).collect(Collectors.toSet())));
    }

    /** {@code sla_policy} ({id, name}, or null when none applies) and {@code sla_targets}, the extensions of detail and list. */
    private static void putSla(Map<String, Object> body, TicketView ticket, Names names) {
        var reading = names.sla().get(ticket.id());
        body.put("sla_policy", reading == null ? null : new Wire.Ref(reading.policyId(), reading.policyName()));
        body.put("sla_targets", reading == null ? List.of() : reading.targets().stream()
                .map(target -> new SlaTargetWire(targetName(target.target()), ApiDates.format(target.deadline(), names.zone()),
                        target.remainingMinutes(), target.paused(), target.breached(),
                        ApiDates.format(target.accomplishedAt(), names.zone())))
                .toList());
    }

    private static String targetName(SlaTarget target) {
        return switch (target) {
            case FIRST_REPLY -> "first_reply";
            case NEXT_REPLY -> "next_reply";
            case RESOLUTION -> "resolution";
        };
    }

    /**
     * TomTicket's {@code sla}: the resolution deadline, and whether it was met once that is decided (false as soon as
     * it is breached); nulls without a resolution target.
     */
    private static SlaWire slaWire(TicketView ticket, Names names) {
        var reading = names.sla() == null ? null : names.sla().get(ticket.id());
        var resolution = reading == null ? null : reading.resolution().orElse(null);
        if (resolution == null) {
            return new SlaWire(new DeadlineWire(null, null));
        }
        Boolean accomplished = resolution.breached() ? Boolean.FALSE : resolution.accomplishedAt() != null ? Boolean.TRUE : null;
        return new SlaWire(new DeadlineWire(ApiDates.format(resolution.deadline(), names.zone()), accomplished));
    }

    private TicketWire wire(TicketView ticket, Names names, boolean truncate) {
        var zone = names.zone();
        var customer = names.customers().get(ticket.customerId());
        var department = names.departments().get(ticket.departmentId());
        var category = ticket.categoryId() == null ? null : names.categories().get(ticket.categoryId());
        var status = ticket.statusId() == null ? null : names.statuses().get(ticket.statusId());
        String message = ticket.message();
        if (truncate && message != null && message.length() > TRUNCATED_BODY) {
            message = message.substring(0, TRUNCATED_BODY);
        }
        Instant until = ticket.endAt() == null ? names.asOf() : ticket.endAt();
        return new TicketWire(ticket.id(), ticket.protocol(), ticket.subject(), message, mimetype(ticket.html()),
                TicketWires.priorityCode(ticket.priority()), TicketWires.typeCode(ticket.ticketType()), ticket.workTime(),
                Math.max(0, Duration.between(ticket.createdAt(), until).toSeconds()),
                ApiDates.format(ticket.createdAt(), zone), ApiDates.format(ticket.firstReplyAt(), zone),
                ApiDates.format(ticket.endAt(), zone), ApiDates.format(ticket.updatedAt(), zone), ticket.reopened(),
                ticket.parentTicketId(), null, false,
                customer == null ? CustomerRef.EMPTY : new CustomerRef(customer.id(), customer.internalId(), customer.name(),
                        customer.email(), customer.organizationId() == null ? Wire.Ref.EMPTY
                        : new Wire.Ref(customer.organizationId(), customer.organizationName())),
                department == null ? Wire.Ref.EMPTY : new Wire.Ref(ticket.departmentId(), department),
                category == null ? Wire.Ref.EMPTY : new Wire.Ref(ticket.categoryId(), category),
                operatorRef(names, ticket.operatorId()),
                new StateWire(TicketWires.situationCode(ticket.situation()), SITUATIONS.get(ticket.situation()), ApiDates.format(ticket.situationAt(), zone)),
                status == null ? new StateWire(null, null, null)
                        : new StateWire(ticket.statusId(), status, ApiDates.format(ticket.statusAt(), zone)),
                new EvaluationWire(ticket.evaluationGrade(), TicketWires.solvedCode(ticket.problemSolved()), ticket.evaluationComment(),
                        ApiDates.format(ticket.evaluatedAt(), zone)),
                slaWire(ticket, names), null, ticket.mergedIntoTicketId());
    }

    /** How TomTicket describes a situation (pt-BR). */
    static String situationDescription(Situation situation) {
        return SITUATIONS.get(situation);
    }

    private static Wire.Ref operatorRef(Names names, String operatorId) {
        var operator = operatorId == null ? null : names.operators().get(operatorId);
        return operator == null ? Wire.Ref.EMPTY : new Wire.Ref(operatorId, operator);
    }

    private static String operatorName(Names names, String operatorId) {
        return operatorRef(names, operatorId).name();
    }

    private static StopwatchWire stopwatchWire(StopwatchEntry entry, Names names) {
        var zone = names.zone();
        return new StopwatchWire(entry.id(), operatorRef(names, entry.operatorId()), ApiDates.format(entry.startAt(), zone),
                ApiDates.format(entry.endAt(), zone), entry.seconds());
    }

    private static String mimetype(boolean html) {
        return html ? "text/html" : "text/plain";
    }
}
