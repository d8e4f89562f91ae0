package io.atende.api.v2;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.atende.account.Caller;
import io.atende.platform.InvalidInputException;
import io.atende.sla.CalendarView;
import io.atende.sla.DefineCalendar;
import io.atende.sla.SlaManagement;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import static io.atende.api.v2.ApiEndpoint.Param;

/** Business-hour calendars, which SLA policies measure their targets on, and the deadline a span of business time ends at. */
@RestController
@RequestMapping(ApiRoutes.BASE_PATH)
class CalendarApiV2Controller {

    private static final String HOURS = "Weekly hours such as \"mon-fri 08:00-12:00, 13:00-18:00; sat 08:00-12:00\"; "
            + "an end not after the start runs past midnight (\"fri 23:00-02:00\"), 24:00 ends at midnight";
    private static final String HOLIDAYS = "Closed days, comma-separated: YYYY-MM-DD once, --MM-DD every year";

    private final SlaManagement sla;
    private final ApiMessages messages;

    CalendarApiV2Controller(SlaManagement sla, ApiMessages messages) {
        this.sla = sla;
        this.messages = messages;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CalendarWire(String id, String name, String timeZone, String hours, List<String> holidays, String creationDate) {

        static CalendarWire of(CalendarView calendar, ZoneId zone) {
            var business = calendar.calendar();
            return new CalendarWire(calendar.id(), calendar.name(), business.zone().getId(), business.hours().toString(),
                    business.holidays().texts(), ApiDates.format(calendar.createdAt(), zone));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DeadlineWire(String calendarId, String start, int minutes, String deadline) {
    }

    @GetMapping("/calendar/list")
    @ApiEndpoint(access = Access.READ, tag = "Calendars", extension = true,
            summary = "List the account's business-hour calendars by name (the whole list, with size)")
    Map<String, Object> list(Caller caller, ApiParams params) {
        var items = sla.listCalendars(caller.accountId()).stream().map(calendar -> CalendarWire.of(calendar, caller.timeZone())).toList();
        return Envelope.list(messages.get("ok"), items);
    }

    @PostMapping("/calendar/new")
    @ApiEndpoint(access = Access.ADMIN, tag = "Calendars", extension = true, summary = "Create a business-hour calendar",
            params = {@Param(name = "name", required = true, description = "Unique in the account, ignoring case; at most 250 characters"),
                    @Param(name = "time_zone", required = true, description = "IANA time zone, such as America/Sao_Paulo"),
                    @Param(name = "hours", required = true, description = HOURS),
                    @Param(name = "holidays", type = "csv", description = HOLIDAYS)})
    Map<String, Object> create(Caller caller, ApiParams params) {
        var calendar = sla.createCalendar(caller.accountId(), new DefineCalendar(params.requiredText("name", 250),
                params.required("time_zone"), params.required("hours"), params.raw("holidays")));
        return Envelope.created(messages.get("calendar.created"), CalendarWire.of(calendar, caller.timeZone()), Map.of("id", calendar.id()));
    }

    @PostMapping("/calendar/update")
    @ApiEndpoint(access = Access.ADMIN, tag = "Calendars", extension = true,
            summary = "Change a calendar; a parameter left out keeps its value, an empty holidays clears them",
            params = {@Param(name = "calendar_id", required = true), @Param(name = "name"),
                    @Param(name = "time_zone", description = "IANA time zone"), @Param(name = "hours", description = HOURS),
                    @Param(name = "holidays", type = "csv", description = HOLIDAYS)})
    Map<String, Object> update(Caller caller, ApiParams params) {
        String calendarId = params.required("calendar_id");
        String name = params.has("name") ? params.requiredText("name", 250) : null;
        String zone = params.has("time_zone") ? params.required("time_zone") : null;
        String hours = params.has("hours") ? params.required("hours") : null;
        String holidays = params.has("holidays") ? (params.raw("holidays") == null ? "" : params.raw("holidays")) : null;
        var calendar = sla.updateCalendar(caller.accountId(), calendarId, new DefineCalendar(name, zone, hours, holidays));
        return Envelope.ok(messages.get("calendar.updated"), CalendarWire.of(calendar, caller.timeZone()));
    }

    @PostMapping("/calendar/delete")
    @ApiEndpoint(access = Access.ADMIN, tag = "Calendars", extension = true,
            summary = "Delete a calendar; refused (409) while an SLA policy measures on it",
            params = @Param(name = "calendar_id", required = true))
    Map<String, Object> delete(Caller caller, ApiParams params) {
        sla.deleteCalendar(caller.accountId(), params.required("calendar_id"));
        return Envelope.ok(messages.get("calendar.deleted"), true);
    }

    @GetMapping("/calendar/deadline")
    @ApiEndpoint(access = Access.READ, tag = "Calendars", extension = true,
            summary = "The date at which a span of the calendar's business time that starts at start ends",
            params = {@Param(name = "calendar_id", required = true),
                    @Param(name = "start", required = true, type = "date", description = "Read in the account's time zone when it has no offset"),
                    @Param(name = "minutes", required = true, type = "integer",
                            description = "Business minutes, 0 to " + SlaManagement.MAX_MINUTES)})
    Map<String, Object> deadline(Caller caller, ApiParams params) {
        String calendarId = params.required("calendar_id");
        var start = params.date("start", caller.timeZone()).orElseThrow(() -> new InvalidInputException("start", "parameter.required"));
        int minutes = params.integer("minutes", 0, SlaManagement.MAX_MINUTES)
                .orElseThrow(() -> new InvalidInputException("minutes", "parameter.required"));
        var deadline = sla.deadline(caller.accountId(), calendarId, start, minutes);
        return Envelope.ok(messages.get("ok"), new DeadlineWire(calendarId, ApiDates.format(start, caller.timeZone()), minutes,
                ApiDates.format(deadline, caller.timeZone())));
    }
}
