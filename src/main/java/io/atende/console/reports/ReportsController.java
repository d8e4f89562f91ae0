package io.atende.console.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.atende.console.ConsoleDates;
import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.department.DepartmentManagement;
import io.atende.operator.OperatorManagement;
import io.atende.platform.InvalidInputException;
import io.atende.platform.PageRequest;
import io.atende.report.ChatFigures;
import io.atende.report.OperatorFigures;
import io.atende.report.ReportGrouping;
import io.atende.report.ReportManagement;
import io.atende.report.ReportQuery;
import io.atende.report.ReportTable;
import io.atende.report.TicketFigures;
import io.atende.report.TicketReport;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The reports dashboard (admins): the period's ticket figures beside the previous period's, charts each followed by
 * its table, the operator and chat tables, and each table as CSV; a button asks for a recount of every figure.
 */
@Controller
class ReportsController {

    private static final int DEFAULT_DAYS = 30;
    private static final List<String> CHANNELS = List.of("API", "EMAIL", "CONSOLE", "PORTAL", "WIDGET", "CHAT", "OTHER");

    private final ReportManagement reports;
    private final DepartmentManagement departments;
    private final OperatorManagement operators;
    private final ConsoleDates dates;
    private final ConsoleMessages messages;
    private final Clock clock;

    ReportsController(ReportManagement reports, DepartmentManagement departments, OperatorManagement operators,
                      ConsoleDates dates, ConsoleMessages messages, Clock clock) {
        this.reports = reports;
        this.departments = departments;
        this.operators = operators;
        this.dates = dates;
        this.messages = messages;
        this.clock = clock;
    }

    /** The filter form as typed. */
    record ReportForm(String from, String to, String groupBy, String departmentId, String operatorId, String categoryId,
                      String channel) {
    }

    /** A headline figure now and in the previous period of the same length. */
    record Headline(String label, Object current, Object previous) {
    }

    /** A chart with the table of its data. */
    record Chart(String id, String title, String svg, List<String> header, List<List<String>> rows) {
    }

    @GetMapping("/console/reports")
    String dashboard(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "from", required = false) String from,
                     @RequestParam(name = "to", required = false) String to,
                     @RequestParam(name = "group_by", required = false) String groupBy,
                     @RequestParam(name = "department_id", required = false) String departmentId,
                     @RequestParam(name = "operator_id", required = false) String operatorId,
                     @RequestParam(name = "category_id", required = false) String categoryId,
                     @RequestParam(name = "channel", required = false) String channel,
                     Model model, Locale locale, HttpServletResponse response) {
        var form = new ReportForm(blankless(from), blankless(to), blankless(groupBy), blankless(departmentId),
                blankless(operatorId), blankless(categoryId), blankless(channel));
        model.addAttribute("section", "reports");
        model.addAttribute("form", form);
        model.addAttribute("departments", departments.listDepartments(me.accountId()));
        model.addAttribute("categories", departments.listAllCategories(me.accountId()));
        model.addAttribute("operators", operators.list(me.accountId(), PageRequest.of(1)).items());
        model.addAttribute("channels", CHANNELS);
        reports.recountProgress(me.accountId()).ifPresent(pending ->
                model.addAttribute("recountRequestedAt", dates.dateTime(pending.requestedAt())));
        try {
            var query = query(form);
            var current = reports.tickets(me.accountId(), query);
            long days = ChronoUnit.DAYS.between(query.from(), query.to()) + 1;
            var before = new ReportQuery(query.from().minusDays(days), query.from().minusDays(1), query.groupBy(),
                    query.departmentId(), query.operatorId(), query.categoryId(), query.channel());
            var previous = reports.tickets(me.accountId(), before);
            model.addAttribute("previous", before);
            model.addAttribute("headlines", headlines(current.total(), previous.total(), locale));
            model.addAttribute("charts", charts(current, locale));
            model.addAttribute("tickets", current.table());
            model.addAttribute("operatorTable", reports.operators(me.accountId(), query)
                    .table(OperatorFigures.COLUMNS, OperatorFigures::values));
            model.addAttribute("chatTable", reports.chats(me.accountId(), query).table(ChatFigures.COLUMNS, ChatFigures::values));
            model.addAttribute("csvQuery", csvQuery(query));
            model.addAttribute("query", query);
        } catch (InvalidInputException refused) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("failure", messages.text(refused, locale));
        }
        return "console/reports/dashboard";
    }

    /** Asks for every figure to be computed again in the background (docs/reports.md, Recounts). */
    @PostMapping("/console/reports/recount")
    String recount(@AuthenticationPrincipal ConsoleOperator me, RedirectAttributes redirect) {
        reports.requestRecount(me.accountId());
        redirect.addFlashAttribute("notice", "reports.recount.requested");
        return "redirect:/console/reports";
    }

    @GetMapping("/console/reports/{report}.csv")
    void csv(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("report") String report,
             @RequestParam(name = "from", required = false) String from, @RequestParam(name = "to", required = false) String to,
             @RequestParam(name = "group_by", required = false) String groupBy,
             @RequestParam(name = "department_id", required = false) String departmentId,
             @RequestParam(name = "operator_id", required = false) String operatorId,
             @RequestParam(name = "category_id", required = false) String categoryId,
             @RequestParam(name = "channel", required = false) String channel,
             Locale locale, HttpServletResponse response) throws IOException {
        ReportTable table;
        ReportQuery query;
        try {
            query = query(new ReportForm(blankless(from), blankless(to), blankless(groupBy), blankless(departmentId),
                    blankless(operatorId), blankless(categoryId), blankless(channel)));
            table = switch (report) {
                case "tickets" -> reports.tickets(me.accountId(), query).table();
                case "operators" -> reports.operators(me.accountId(), query).table(OperatorFigures.COLUMNS, OperatorFigures::values);
                case "chats" -> reports.chats(me.accountId(), query).table(ChatFigures.COLUMNS, ChatFigures::values);
                default -> null;
            };
        } catch (InvalidInputException refused) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, messages.text(refused, locale));
            return;
        }
        if (table == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        byte[] body = table.toCsv().getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + report + "-" + query.from() + "-" + query.to() + ".csv\"");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private ReportQuery query(ReportForm form) {
        LocalDate today = clock.instant().atZone(dates.zone()).toLocalDate();
        LocalDate to = form.to() == null ? today : day("to", form.to());
        LocalDate from = form.from() == null ? to.minusDays(DEFAULT_DAYS - 1) : day("from", form.from());
        ReportGrouping grouping = ReportGrouping.DAY;
        if (form.groupBy() != null) {
            grouping = switch (form.groupBy()) {
                case "day" -> ReportGrouping.DAY;
                case "week" -> ReportGrouping.WEEK;
                case "month" -> ReportGrouping.MONTH;
                default -> throw new InvalidInputException("group_by", "parameter.not_one_of", "day, week, month");
            };
        }
        if (form.channel() != null && !CHANNELS.contains(form.channel())) {
            throw new InvalidInputException("channel", "parameter.not_one_of", String.join(", ", CHANNELS));
        }
        return new ReportQuery(from, to, grouping, form.departmentId(), form.operatorId(), form.categoryId(), form.channel());
    }

    private List<Headline> headlines(TicketFigures now, TicketFigures before, Locale locale) {
        return List.of(
                new Headline(messages.text("reports.created", locale), now.created(), before.created()),
                new Headline(messages.text("reports.finished", locale), now.finished(), before.finished()),
                new Headline(messages.text("reports.backlog", locale), now.backlog(), before.backlog()),
                new Headline(messages.text("reports.first_reply_median", locale), now.firstReplyMedianMinutes(),
                        before.firstReplyMedianMinutes()),
                new Headline(messages.text("reports.resolution_median", locale), now.resolutionMedianMinutes(),
                        before.resolutionMedianMinutes()),
                new Headline(messages.text("reports.sla_resolution", locale), now.slaResolutionMetPercent(),
                        before.slaResolutionMetPercent()),
                new Headline(messages.text("reports.evaluation_average", locale), now.evaluationAverage(),
                        before.evaluationAverage()));
    }

    private List<Chart> charts(TicketReport report, Locale locale) {
        List<String> labels = report.rows().stream().map(TicketReport.Row::group).toList();
        List<Chart> charts = new ArrayList<>();
        charts.add(chart("volume", messages.text("reports.chart.volume", locale), labels, report,
                series(messages.text("reports.created", locale), "#2e90fa", report, TicketFigures::created),
                series(messages.text("reports.finished", locale), "#12b76a", report, TicketFigures::finished)));
        charts.add(chart("backlog", messages.text("reports.chart.backlog", locale), labels, report,
                series(messages.text("reports.backlog", locale), "#f79009", report, TicketFigures::backlog)));
        charts.add(chart("first-reply", messages.text("reports.chart.first_reply", locale), labels, report,
                series(messages.text("reports.median", locale), "#7a5af8", report, TicketFigures::firstReplyMedianMinutes),
                series(messages.text("reports.p90", locale), "#c4b5fd", report, TicketFigures::firstReplyP90Minutes)));
        charts.add(chart("resolution", messages.text("reports.chart.resolution", locale), labels, report,
                series(messages.text("reports.median", locale), "#0e9384", report, TicketFigures::resolutionMedianMinutes),
                series(messages.text("reports.p90", locale), "#99f6e0", report, TicketFigures::resolutionP90Minutes)));
        charts.add(chart("sla", messages.text("reports.chart.sla", locale), labels, report,
                series(messages.text("reports.sla_first_reply", locale), "#2e90fa", report, TicketFigures::slaFirstReplyMetPercent),
                series(messages.text("reports.sla_resolution", locale), "#12b76a", report, TicketFigures::slaResolutionMetPercent)));
        charts.add(chart("evaluations", messages.text("reports.chart.evaluations", locale), labels, report,
                series(messages.text("reports.evaluations", locale), "#f79009", report, TicketFigures::evaluations),
                series(messages.text("reports.evaluation_average", locale), "#f04438", report, TicketFigures::evaluationAverage)));
        return charts;
    }

    private static BarChart.Series series(String name, String colour, TicketReport report,
                                          Function<TicketFigures, ? extends Number> figure) {
        List<Number> values = new ArrayList<>();
        report.rows().forEach(row -> values.add(figure.apply(row.figures())));
        return new BarChart.Series(name, colour, values);
    }

    private static Chart chart(String id, String title, List<String> labels, TicketReport report, BarChart.Series... series) {
        var chart = new BarChart(title, labels, List.of(series));
        return new Chart(id, title, chart.svg(), chart.header(), chart.rows());
    }

    private static String csvQuery(ReportQuery query) {
        var text = new StringBuilder("from=").append(query.from()).append("&to=").append(query.to())
                .append("&group_by=").append(query.groupBy().name().toLowerCase(Locale.ROOT));
        append(text, "department_id", query.departmentId());
        append(text, "operator_id", query.operatorId());
        append(text, "category_id", query.categoryId());
        append(text, "channel", query.channel());
        return text.toString();
    }

    private static void append(StringBuilder text, String name, String value) {
        if (value != null) {
            text.append('&').append(name).append('=').append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private static LocalDate day(String field, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException notADay) {
            throw new InvalidInputException(field, "report.invalid_day");
        }
    }

    private static String blankless(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
