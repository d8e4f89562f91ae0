package io.atende.console.admin;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.audit.AuditFilter;
import io.atende.audit.AuditTrail;
import io.atende.console.ConsoleDates;
import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.console.ConsoleVisibility;
import io.atende.department.DepartmentManagement;
import io.atende.platform.InvalidInputException;
import io.atende.platform.PageRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The account's audit log, read-only: who changed its administration and who signed in, newest first, with filters. */
@Controller
class AuditAdminController {

    private final AuditTrail audit;
    private final ConsoleDates dates;
    private final ConsoleMessages messages;

    private final ConsoleVisibility visibility;
    private final DepartmentManagement departments;

    AuditAdminController(AuditTrail audit, ConsoleDates dates, ConsoleMessages messages, ConsoleVisibility visibility,
                         DepartmentManagement departments) {
        this.visibility = visibility;
        this.departments = departments;
        this.audit = audit;
        this.dates = dates;
        this.messages = messages;
    }

    /** What the filter form holds, as typed; the dates are days in the account's time zone, both included. */
    record AuditForm(String from, String to, String action, String actorId, String subjectId) {
    }

    @GetMapping("/console/admin/audit")
    String list(@AuthenticationPrincipal ConsoleOperator me, @RequestParam(name = "from", required = false) String from,
                @RequestParam(name = "to", required = false) String to, @RequestParam(name = "action", required = false) String action,
                @RequestParam(name = "actor_id", required = false) String actorId,
                @RequestParam(name = "subject_id", required = false) String subjectId,
                @RequestParam(name = "page", defaultValue = "1") int page, Model model, Locale locale, HttpServletResponse response) {
        var form = new AuditForm(blankless(from), blankless(to), blankless(action), blankless(actorId), blankless(subjectId));
        model.addAttribute("section", "admin");
        model.addAttribute("form", form);
        ZoneId zone = dates.zone();
        try {
            var filter = new AuditFilter(
                    form.from() == null ? null : day("from", form.from()).atStartOfDay(zone).toInstant(),
                    form.to() == null ? null : day("to", form.to()).plusDays(1).atStartOfDay(zone).toInstant(),
                    form.action(), form.actorId(), form.subjectId(), within(me));
            model.addAttribute("entries", audit.list(me.accountId(), filter, PageRequest.of(Math.max(page, 1))));
        } catch (InvalidInputException refused) {
            FormError.show(refused, "filter", messages, locale, model, response);
        }
        return "console/admin/audit";
    }

    /**
     * For a reader who does not see every department: only the entries about their departments and about the
     * operators who work in them; the rest of the account's administration is not theirs to read.
     */
    private java.util.Set<String> within(ConsoleOperator me) {
        var seen = visibility.of(me);
        if (seen.all()) {
            return null;
        }
        var subjects = new java.util.HashSet<String>(seen.departmentIds());
        departments.listOperatorsOfAllDepartments(me.accountId()).forEach((departmentId, members) -> {
            if (seen.sees(departmentId)) {
                members.forEach(member -> subjects.add(member.id()));
            }
        });
        return subjects;
    }

    private static LocalDate day(String field, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException notADay) {
            throw new InvalidInputException(field, "admin.audit.invalid_day");
        }
    }

    private static String blankless(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
