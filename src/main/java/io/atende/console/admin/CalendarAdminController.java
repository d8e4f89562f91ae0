package io.atende.console.admin;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.console.ConsoleDates;
import io.atende.console.ConsoleMessages;
import io.atende.console.ConsoleOperator;
import io.atende.platform.InvalidInputException;
import io.atende.platform.RuleViolationException;
import io.atende.sla.CalendarView;
import io.atende.sla.DefineCalendar;
import io.atende.sla.SlaManagement;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Business-hour calendars: the list with a form for a new one, and each calendar's page to change or delete it
 * (refused in place while a policy measures on it) and to try a deadline on it.
 */
@Controller
class CalendarAdminController {

    /** The IANA zones the time-zone field suggests. */
    private static final List<String> TIME_ZONES = ZoneId.getAvailableZoneIds().stream().filter(zone -> zone.contains("/") || zone.equals("UTC"))
            .sorted().toList();

    private final SlaManagement sla;
    private final ConsoleMessages messages;
    private final ConsoleDates dates;
    private final Clock clock;

    CalendarAdminController(SlaManagement sla, ConsoleMessages messages, ConsoleDates dates, Clock clock) {
        this.sla = sla;
        this.messages = messages;
        this.dates = dates;
        this.clock = clock;
    }

    /** What the calendar form shows: the calendar's values, or what was typed when it was refused. */
    record CalendarForm(String name, String timeZone, String hours, String holidays) {

        static CalendarForm of(CalendarView calendar) {
            var business = calendar.calendar();
            return new CalendarForm(calendar.name(), business.zone().getId(), business.hours().toString(),
                    String.join("\n", business.holidays().texts()));
        }

        DefineCalendar definition() {
            return new DefineCalendar(name, timeZone, hours, holidays == null ? "" : holidays);
        }
    }

    @GetMapping("/console/admin/calendars")
    String list(@AuthenticationPrincipal ConsoleOperator me, Model model) {
        model.addAttribute("section", "admin");
        model.addAttribute("calendars", sla.listCalendars(me.accountId()));
        model.addAttribute("timeZones", TIME_ZONES);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new CalendarForm("", dates.zone().getId(), "mon-fri 08:00-18:00", ""));
        }
        return "console/admin/calendars";
    }

    @PostMapping("/console/admin/calendars")
    String create(@AuthenticationPrincipal ConsoleOperator me, CalendarForm form, Model model, Locale locale,
                  HttpServletResponse response, RedirectAttributes redirect) {
        try {
            sla.createCalendar(me.accountId(), form.definition());
        } catch (InvalidInputException | RuleViolationException refused) {
            FormError.show(refused, "create", messages, locale, model, response);
            model.addAttribute("form", form);
            return list(me, model);
        }
        redirect.addFlashAttribute("notice", "admin.calendars.created");
        return "redirect:/console/admin/calendars";
    }

    @GetMapping("/console/admin/calendars/{id}")
    String show(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id,
                @RequestParam(name = "start", required = false) String start, @RequestParam(name = "minutes", required = false) String minutes,
                Model model, Locale locale, HttpServletResponse response) {
        var calendar = sla.getCalendar(me.accountId(), id);
        model.addAttribute("section", "admin");
        model.addAttribute("calendar", calendar);
        model.addAttribute("timeZones", TIME_ZONES);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", CalendarForm.of(calendar));
        }
        var now = LocalDateTime.ofInstant(clock.instant(), dates.zone()).truncatedTo(ChronoUnit.MINUTES);
        model.addAttribute("start", start == null ? now.toString() : start);
        model.addAttribute("minutes", minutes == null ? "480" : minutes);
        if (start != null || minutes != null) {
            try {
                var from = startOf(start).atZone(dates.zone()).toInstant();
                int span = number("minutes", minutes);
                model.addAttribute("deadline", messages.text("admin.calendars.deadline_result", locale, dates.dateTime(from), span,
                        dates.dateTime(sla.deadline(me.accountId(), calendar.id(), from, span))));
            } catch (InvalidInputException | RuleViolationException refused) {
                FormError.show(refused, "deadline", messages, locale, model, response);
            }
        }
        return "console/admin/calendar";
    }

    @PostMapping("/console/admin/calendars/{id}")
    String save(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id, CalendarForm form, Model model,
                Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        var calendar = sla.getCalendar(me.accountId(), id);
        try {
            sla.updateCalendar(me.accountId(), calendar.id(), form.definition());
        } catch (InvalidInputException | RuleViolationException refused) {
            FormError.show(refused, "save", messages, locale, model, response);
            model.addAttribute("form", form);
            return show(me, id, null, null, model, locale, response);
        }
        redirect.addFlashAttribute("notice", "admin.calendars.saved");
        return "redirect:/console/admin/calendars/" + calendar.id();
    }

    @PostMapping("/console/admin/calendars/{id}/delete")
    String delete(@AuthenticationPrincipal ConsoleOperator me, @PathVariable("id") String id, Model model, Locale locale,
                  HttpServletResponse response, RedirectAttributes redirect) {
        try {
            sla.deleteCalendar(me.accountId(), id);
        } catch (RuleViolationException refused) {
            FormError.show(refused, "delete", messages, locale, model, response);
            return show(me, id, null, null, model, locale, response);
        }
        redirect.addFlashAttribute("notice", "admin.calendars.deleted");
        return "redirect:/console/admin/calendars";
    }

    private static LocalDateTime startOf(String text) {
        try {
            return LocalDateTime.parse(text == null ? "" : text.strip());
        } catch (DateTimeParseException unreadable) {
            throw new InvalidInputException("start", "parameter.invalid_date");
        }
    }

    /** A whole number typed into {@code field}; refused in place otherwise. */
    static int number(String field, String text) {
        try {
            return Integer.parseInt(text == null ? "" : text.strip());
        } catch (NumberFormatException notANumber) {
            throw new InvalidInputException(field, "admin.sla.not_a_number");
        }
    }
}
