package io.atende.api.v2;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.atende.account.Caller;
import io.atende.api.v2.ApiEndpoint.Param;
import io.atende.platform.InvalidInputException;
import io.atende.report.ChatFigures;
import io.atende.report.OperatorFigures;
import io.atende.report.ReportGrouping;
import io.atende.report.ReportManagement;
import io.atende.report.ReportQuery;
import io.atende.report.ReportTable;
import io.atende.ticket.TicketChannel;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Reports over a period, as JSON in the envelope or as a CSV file (docs/reports.md). */
@RestController
@RequestMapping(ApiRoutes.BASE_PATH)
class ReportApiV2Controller {

    /** The period a report covers when the caller names none: the last 30 days, today included. */
    private static final int DEFAULT_DAYS = 30;

    private final ReportManagement reports;
    private final ApiMessages messages;
    private final Clock clock;

    ReportApiV2Controller(ReportManagement reports, ApiMessages messages, Clock clock) {
        this.reports = reports;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/report/tickets")
    @ApiEndpoint(access = Access.READ, tag = "Reports", extension = true,
            summary = "Ticket figures over a period: volume, backlog, first reply and resolution times, SLA attainment, evaluations, work",
            params = {@Param(name = "from", type = "date", description = "First day, yyyy-MM-dd in the account's time zone; default 29 days before to"),
                    @Param(name = "to", type = "date", description = "Last day, included; default today"),
                    @Param(name = "group_by", description = "day (default), week, month, department, operator, category or channel"),
                    @Param(name = "department_id", description = "Only tickets of this department"),
                    @Param(name = "operator_id", description = "Only tickets of this operator"),
                    @Param(name = "category_id", description = "Only tickets of this category"),
                    @Param(name = "channel", description = "Only tickets opened through api, email, console, portal, widget, chat or other"),
                    @Param(name = "format", description = "json (default) or csv")})
    Map<String, Object> tickets(Caller caller, ApiParams params, HttpServletResponse response) throws IOException {
        var query = query(caller, params);
        boolean csv = csv(params);
        return answer(response, "tickets", query, reports.tickets(caller.accountId(), query).table(), csv, true);
    }

    @GetMapping("/report/operators")
    @ApiEndpoint(access = Access.READ, tag = "Reports", extension = true,
            summary = "Each operator's figures over a period: tickets handled, replies, finishes, first reply and resolution medians, evaluations, work, chats accepted",
            params = {@Param(name = "from", type = "date", description = "First day, yyyy-MM-dd in the account's time zone; default 29 days before to"),
                    @Param(name = "to", type = "date", description = "Last day, included; default today"),
                    @Param(name = "department_id", description = "Only tickets and chats of this department"),
                    @Param(name = "operator_id", description = "Only this operator's row"),
                    @Param(name = "format", description = "json (default) or csv")})
    Map<String, Object> operators(Caller caller, ApiParams params, HttpServletResponse response) throws IOException {
        var query = query(caller, params);
        boolean csv = csv(params);
        var report = reports.operators(caller.accountId(), query);
        return answer(response, "operators", query, report.table(OperatorFigures.COLUMNS, OperatorFigures::values), csv, false);
    }

    @GetMapping("/report/chats")
    @ApiEndpoint(access = Access.READ, tag = "Reports", extension = true,
            summary = "Chat figures over a period: queued, accepted, abandoned, wait and duration, evaluations",
            params = {@Param(name = "from", type = "date", description = "First day, yyyy-MM-dd in the account's time zone; default 29 days before to"),
                    @Param(name = "to", type = "date", description = "Last day, included; default today"),
                    @Param(name = "group_by", description = "day (default), week, month, department or operator"),
                    @Param(name = "department_id", description = "Only chats of this department"),
                    @Param(name = "operator_id", description = "Only chats of this operator"),
                    @Param(name = "format", description = "json (default) or csv")})
    Map<String, Object> chats(Caller caller, ApiParams params, HttpServletResponse response) throws IOException {
        var query = query(caller, params);
        boolean csv = csv(params);
        var report = reports.chats(caller.accountId(), query);
        return answer(response, "chats", query, report.table(ChatFigures.COLUMNS, ChatFigures::values), csv, true);
    }

    @PostMapping("/report/recount")
    @ApiEndpoint(access = Access.ADMIN, tag = "Reports", extension = true,
            summary = "Compute every report figure of the account again from its tickets and chats, in the background; GET /report/recount tells how far it got")
    Map<String, Object> recount(Caller caller) {
        reports.requestRecount(caller.accountId());
        return Envelope.ok(messages.get("report.recount_requested"), progress(caller));
    }

    @GetMapping("/report/recount")
    @ApiEndpoint(access = Access.ADMIN, tag = "Reports", extension = true,
            summary = "Whether a recount of the report figures is pending (asked for, after a time zone change, or after an upgrade), and how far it got")
    Map<String, Object> recountProgress(Caller caller) {
        return Envelope.ok(messages.get("ok"), progress(caller));
    }

    private Map<String, Object> progress(Caller caller) {
        Map<String, Object> data = new LinkedHashMap<>();
        var progress = reports.recountProgress(caller.accountId());
        data.put("pending", progress.isPresent());
        progress.ifPresent(pending -> {
            data.put("full", pending.full());
            data.put("requested_at", ApiDates.format(pending.requestedAt(), caller.timeZone()));
            data.put("stage", pending.ticketsDone() ? "chats" : "tickets");
        });
        return data;
    }

    /** The report as CSV (written here, {@code null} returned) or in the envelope, its total apart when it has one. */
    private Map<String, Object> answer(HttpServletResponse response, String name, ReportQuery query, ReportTable table,
                                       boolean csv, boolean hasTotal) throws IOException {
        if (csv) {
            writeCsv(response, name, query, table);
            return null;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("from", query.from().toString());
        data.put("to", query.to().toString());
        if (!name.equals("operators")) {
            data.put("group_by", query.groupBy().name().toLowerCase(Locale.ROOT));
        }
        var records = table.records();
        if (hasTotal) {
            data.put("rows", records.subList(0, records.size() - 1));
            var total = records.get(records.size() - 1);
            total.remove("group");
            total.remove("name");
            data.put("total", total);
        } else {
            data.put("rows", records);
        }
        return Envelope.ok(messages.get("ok"), data);
    }

    private ReportQuery query(Caller caller, ApiParams params) {
        LocalDate today = clock.instant().atZone(caller.timeZone()).toLocalDate();
        LocalDate to = day(params, "to").orElse(today);
        LocalDate from = day(params, "from").orElse(to.minusDays(DEFAULT_DAYS - 1));
        var grouping = params.oneOf("group_by", List.of("day", "week", "month", "department", "operator", "category", "channel"))
                .map(name -> ReportGrouping.valueOf(name.toUpperCase(Locale.ROOT))).orElse(ReportGrouping.DAY);
        String channel = params.oneOf("channel", List.of("api", "email", "console", "portal", "widget", "chat", "other"))
                .map(name -> TicketChannel.valueOf(name.toUpperCase(Locale.ROOT)).name()).orElse(null);
        return new ReportQuery(from, to, grouping, params.text("department_id", 32), params.text("operator_id", 32),
                params.text("category_id", 32), channel).visibleTo(caller.visibility());
    }

    private static java.util.Optional<LocalDate> day(ApiParams params, String name) {
        String value = params.raw(name);
        if (value == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(LocalDate.parse(value.strip()));
        } catch (DateTimeParseException malformed) {
            throw new InvalidInputException(name, "report.invalid_day");
        }
    }

    private static boolean csv(ApiParams params) {
        return params.oneOf("format", List.of("json", "csv")).map("csv"::equals).orElse(false);
    }

    private static void writeCsv(HttpServletResponse response, String report, ReportQuery query, ReportTable table)
            throws IOException {
        byte[] body = table.toCsv().getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + report + "-" + query.from() + "-" + query.to()
                + ".csv\"");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
