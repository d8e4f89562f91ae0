package io.atende.api.v2;

import java.util.ArrayList;
import java.util.List;

import io.atende.support.ApiTest;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/sla.md, Calendars: /calendar/new, /list, /update, /delete and /deadline. */
@ApiTest
class CalendarApiTest {

    static final String OFFICE = "mon-fri 09:00-17:00";

    @Autowired
    TestTenants tenants;

    Tenant tenant;

    @BeforeEach
    void newAccount() {
        tenant = tenants.create();
    }

    String calendar(String name, String zone, String hours, String... extra) {
        List<String> params = new ArrayList<>(List.of("name", name, "time_zone", zone, "hours", hours));
        params.addAll(List.of(extra));
        var created = tenant.admin().post("/calendar/new", params.toArray(String[]::new));
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        return created.id();
    }

    @Test
    void createsCalendarsWithRootIdAndListsThemByNameWithHoursInOneForm() {
        var created = tenant.admin().post("/calendar/new", "name", " Suporte SP ", "time_zone", "America/Sao_Paulo",
                "hours", "tue-fri 08:00-12:00, 13:00-18:00; mon 08:00-12:00 13:00-18:00; SAT 08:00-12:00", "holidays", "2026-12-25, --01-01");
        calendar("Noturno", "UTC", "mon-fri 23:00-02:00");

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.message()).isEqualTo("Calendar created.");
        assertThat(created.id()).matches("[0-9a-f]{32}");
        var data = created.data();
        assertThat(data.get("id").asString()).isEqualTo(created.id());
        assertThat(data.get("name").asString()).isEqualTo("Suporte SP");
        assertThat(data.get("time_zone").asString()).isEqualTo("America/Sao_Paulo");
        assertThat(data.get("hours").asString()).isEqualTo("mon-fri 08:00-12:00, 13:00-18:00; sat 08:00-12:00");
        assertThat(strings(data.get("holidays"))).containsExactly("--01-01", "2026-12-25");
        assertThat(data.get("creation_date").asString()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}-03:00");

        var listed = tenant.reader().get("/calendar/list");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("size").asInt()).isEqualTo(2);
        assertThat(names(listed.data())).containsExactly("Noturno", "Suporte SP");
        assertThat(listed.data().get(0).get("hours").asString()).isEqualTo("mon-fri 23:00-02:00");
        assertThat(listed.data().get(0).get("holidays").size()).isZero();
    }

    @Test
    void theDeadlineIsExactAcrossTheNewYorkSpringChangeAndWrittenInTheAccountsTimeZone() {
        String office = calendar("Nova York", "America/New_York", OFFICE);

        // Friday 16:00 EST plus two business hours: Monday 10:00 EDT, which is 11:00 in São Paulo.
        var answer = tenant.reader().get("/calendar/deadline", "calendar_id", office, "start", "2026-03-06 16:00:00-0500", "minutes", "120");

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.data().get("deadline").asString()).isEqualTo("2026-03-09 11:00:00-03:00");
        assertThat(answer.data().get("start").asString()).isEqualTo("2026-03-06 18:00:00-03:00");
        assertThat(answer.data().get("minutes").asInt()).isEqualTo(120);
        assertThat(answer.data().get("calendar_id").asString()).isEqualTo(office);
        // Without an offset the start is read in the account's time zone.
        var local = tenant.reader().get("/calendar/deadline", "calendar_id", office, "start", "2026-03-06 18:00", "minutes", "120");
        assertThat(local.data().get("deadline").asString()).isEqualTo("2026-03-09 11:00:00-03:00");
        var zero = tenant.reader().get("/calendar/deadline", "calendar_id", office, "start", "2026-03-07 12:00", "minutes", "0");
        assertThat(zero.data().get("deadline").asString()).isEqualTo("2026-03-07 12:00:00-03:00");
    }

    @Test
    void theDeadlineSkipsHolidaysAndFollowsRangesPastMidnight() {
        String office = calendar("Escritório", "America/Sao_Paulo", "mon-fri 08:00-18:00", "holidays", "2026-12-25,--01-01");
        String night = calendar("Noite", "America/Sao_Paulo", "mon-fri 23:00-02:00");

        assertThat(tenant.reader().get("/calendar/deadline", "calendar_id", office, "start", "2026-12-31 17:00", "minutes", "120")
                .data().get("deadline").asString()).isEqualTo("2027-01-04 09:00:00-03:00");
        assertThat(tenant.reader().get("/calendar/deadline", "calendar_id", night, "start", "2026-08-24 22:00", "minutes", "240")
                .data().get("deadline").asString()).isEqualTo("2026-08-26 00:00:00-03:00");
    }

    @Test
    void theWorkedExampleOfTheDocsComesOutAsWritten() {
        // docs/sla.md, A worked example: Thursday 17:30 before a Friday holiday, eight business hours.
        String calendar = calendar("Suporte SP", "America/Sao_Paulo", "mon-fri 08:00-12:00, 13:00-18:00", "holidays", "--12-25,2026-11-20");

        assertThat(tenant.reader().get("/calendar/deadline", "calendar_id", calendar, "start", "2026-11-19 17:30", "minutes", "480")
                .data().get("deadline").asString()).isEqualTo("2026-11-23 16:30:00-03:00");
        assertThat(tenant.reader().get("/calendar/deadline", "calendar_id", calendar, "start", "2026-11-19 17:30", "minutes", "60")
                .data().get("deadline").asString()).isEqualTo("2026-11-23 08:30:00-03:00");
    }

    @Test
    void theDeadlineRefusesBadParametersAndUnknownCalendars() {
        String office = calendar("Escritório", "UTC", OFFICE);
        String rare = calendar("Raro", "UTC", "mon 09:00-09:01", "holidays", "--01-01");

        assertThat(tenant.reader().get("/calendar/deadline", "start", "2026-08-24 10:00", "minutes", "1").message()).contains("calendar_id");
        assertThat(tenant.reader().get("/calendar/deadline", "calendar_id", office, "minutes", "1").status()).isEqualTo(400);
        var badDate = tenant.reader().get("/calendar/deadline", "calendar_id", office, "start", "24/08/2026", "minutes", "1");
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.message()).startsWith("Invalid date.");
        assertThat(tenant.reader().get("/calendar/deadline", "calendar_id", office, "start", "2026-08-24").message()).contains("minutes");
        for (String minutes : new String[] {"-1", "abc", "5256001"}) {
            var refused = tenant.reader().get("/calendar/deadline", "calendar_id", office, "start", "2026-08-24", "minutes", minutes);
            assertThat(refused.status()).as(minutes).isEqualTo(400);
            assertThat(refused.message()).as(minutes).contains("minutes");
        }
        assertThat(tenant.reader().get("/calendar/deadline", "calendar_id", "0".repeat(32), "start", "2026-08-24", "minutes", "1").status())
                .isEqualTo(404);
        var beyond = tenant.reader().get("/calendar/deadline", "calendar_id", rare, "start", "2026-08-24", "minutes", "5256000");
        assertThat(beyond.status()).isEqualTo(409);
        assertThat(beyond.message()).contains("100");
    }

    @Test
    void refusesMissingOrUnreadableDefinitionsAndDuplicateNamesCreatingNothing() {
        calendar("Escritório", "UTC", OFFICE);

        assertThat(tenant.admin().post("/calendar/new", "time_zone", "UTC", "hours", OFFICE).message()).contains("\"name\"");
        assertThat(tenant.admin().post("/calendar/new", "name", "A", "hours", OFFICE).message()).contains("time_zone");
        assertThat(tenant.admin().post("/calendar/new", "name", "A", "time_zone", "UTC").message()).contains("hours");
        for (String zone : new String[] {"Mars/Olympus", "+03:00", "GMT-3"}) {
            var refused = tenant.admin().post("/calendar/new", "name", "A", "time_zone", zone, "hours", OFFICE);
            assertThat(refused.status()).as(zone).isEqualTo(400);
            assertThat(refused.message()).as(zone).contains("time_zone").contains("IANA");
        }
        var unreadable = tenant.admin().post("/calendar/new", "name", "A", "time_zone", "UTC", "hours", "mon 8-12");
        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(unreadable.message()).contains("hours").contains("mon 8-12");
        var overlapping = tenant.admin().post("/calendar/new", "name", "A", "time_zone", "UTC", "hours", "mon 08:00-12:00; mon 11:00-13:00");
        assertThat(overlapping.status()).isEqualTo(400);
        assertThat(overlapping.message()).contains("overlap");
        var badHoliday = tenant.admin().post("/calendar/new", "name", "A", "time_zone", "UTC", "hours", OFFICE, "holidays", "2026-02-30");
        assertThat(badHoliday.status()).isEqualTo(400);
        assertThat(badHoliday.message()).contains("holidays").contains("2026-02-30");
        var duplicate = tenant.admin().post("/calendar/new", "name", " ESCRITÓRIO ", "time_zone", "UTC", "hours", OFFICE);
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.message()).contains("ESCRITÓRIO");
        assertThat(tenant.admin().post("/calendar/new", "name", "x".repeat(251), "time_zone", "UTC", "hours", OFFICE).status()).isEqualTo(400);
        var longHours = tenant.admin().post("/calendar/new", "name", "A", "time_zone", "UTC", "hours", OFFICE + ";".repeat(4000));
        assertThat(longHours.status()).isEqualTo(400);
        assertThat(longHours.message()).contains("hours").contains("4,000");

        assertThat(names(tenant.reader().get("/calendar/list").data())).containsExactly("Escritório");
    }

    @Test
    void updateChangesWhatIsSentKeepsTheRestAndChangesNothingWhenRefused() {
        String office = calendar("Escritório", "UTC", OFFICE, "holidays", "--12-25");
        calendar("Outro", "UTC", OFFICE);

        var updated = tenant.admin().post("/calendar/update", "calendar_id", office, "hours", "mon-sat 08:00-12:00");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.message()).isEqualTo("Calendar updated.");
        assertThat(updated.data().get("hours").asString()).isEqualTo("mon-sat 08:00-12:00");
        assertThat(updated.data().get("name").asString()).isEqualTo("Escritório");
        assertThat(strings(updated.data().get("holidays"))).containsExactly("--12-25");

        var cleared = tenant.admin().post("/calendar/update", "calendar_id", office, "holidays", "", "time_zone", "Europe/Lisbon");
        assertThat(cleared.data().get("holidays").size()).isZero();
        assertThat(cleared.data().get("time_zone").asString()).isEqualTo("Europe/Lisbon");

        assertThat(tenant.admin().post("/calendar/update", "hours", OFFICE).message()).contains("calendar_id");
        assertThat(tenant.admin().post("/calendar/update", "calendar_id", "0".repeat(32), "hours", OFFICE).status()).isEqualTo(404);
        assertThat(tenant.admin().post("/calendar/update", "calendar_id", office, "hours", "").status()).isEqualTo(400);
        assertThat(tenant.admin().post("/calendar/update", "calendar_id", office, "hours", "sun 9-5").status()).isEqualTo(400);
        assertThat(tenant.admin().post("/calendar/update", "calendar_id", office, "time_zone", "Nowhere").status()).isEqualTo(400);
        assertThat(tenant.admin().post("/calendar/update", "calendar_id", office, "name", "outro").status()).isEqualTo(409);
        assertThat(tenant.admin().post("/calendar/update", "calendar_id", office, "name", "").status()).isEqualTo(400);

        var listed = tenant.reader().get("/calendar/list").data().get(0);
        assertThat(listed.get("name").asString()).isEqualTo("Escritório");
        assertThat(listed.get("hours").asString()).isEqualTo("mon-sat 08:00-12:00");
        assertThat(listed.get("time_zone").asString()).isEqualTo("Europe/Lisbon");
    }

    @Test
    void deletesACalendarButNotWhileAPolicyMeasuresOnIt() {
        String office = calendar("Escritório", "UTC", OFFICE);
        String used = calendar("Usado", "UTC", OFFICE);
        String policy = tenant.admin().post("/sla/new", "name", "Padrão", "calendar_id", used, "resolution_minutes", "480").id();

        var deleted = tenant.admin().post("/calendar/delete", "calendar_id", office);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.message()).isEqualTo("Calendar deleted.");
        assertThat(deleted.data().asBoolean()).isTrue();
        assertThat(tenant.admin().post("/calendar/delete", "calendar_id", office).status()).isEqualTo(404);

        var refused = tenant.admin().post("/calendar/delete", "calendar_id", used);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.message()).contains("Usado");
        assertThat(names(tenant.reader().get("/calendar/list").data())).containsExactly("Usado");

        assertThat(tenant.admin().post("/sla/delete", "sla_id", policy).status()).isEqualTo(200);
        assertThat(tenant.admin().post("/calendar/delete", "calendar_id", used).status()).isEqualTo(200);
        assertThat(tenant.admin().post("/calendar/delete").message()).contains("calendar_id");
    }

    @Test
    void changesNeedAnAdminTokenAndReadingNeedsAToken() {
        String office = calendar("Escritório", "UTC", OFFICE);

        assertThat(tenant.writer().post("/calendar/new", "name", "X", "time_zone", "UTC", "hours", OFFICE).status()).isEqualTo(403);
        assertThat(tenant.writer().post("/calendar/update", "calendar_id", office, "name", "X").status()).isEqualTo(403);
        assertThat(tenant.writer().post("/calendar/delete", "calendar_id", office).status()).isEqualTo(403);
        assertThat(tenant.anonymous().get("/calendar/list").status()).isEqualTo(401);
        assertThat(tenant.anonymous().get("/calendar/deadline", "calendar_id", office, "start", "2026-08-24", "minutes", "1").status())
                .isEqualTo(401);
        assertThat(tenant.reader().get("/calendar/deadline", "calendar_id", office, "start", "2026-08-24", "minutes", "1").status())
                .isEqualTo(200);
        assertThat(names(tenant.reader().get("/calendar/list").data())).containsExactly("Escritório");
    }

    @Test
    void anotherAccountSeesNoneOfThemAndGets404ForTheirIds() {
        String office = calendar("Escritório", "UTC", OFFICE);
        var other = tenants.create();

        assertThat(other.reader().get("/calendar/list").json().get("size").asInt()).isZero();
        assertThat(other.admin().post("/calendar/update", "calendar_id", office, "name", "Hijacked").status()).isEqualTo(404);
        assertThat(other.admin().post("/calendar/delete", "calendar_id", office).status()).isEqualTo(404);
        assertThat(other.reader().get("/calendar/deadline", "calendar_id", office, "start", "2026-08-24", "minutes", "1").status())
                .isEqualTo(404);
        assertThat(other.admin().post("/sla/new", "name", "P", "calendar_id", office, "resolution_minutes", "60").status()).isEqualTo(404);
        assertThat(other.admin().post("/calendar/new", "name", "Escritório", "time_zone", "UTC", "hours", OFFICE).status()).isEqualTo(200);
        assertThat(names(tenant.reader().get("/calendar/list").data())).containsExactly("Escritório");
        assertThat(tenant.reader().get("/calendar/list").data().get(0).get("id").asString()).isEqualTo(office);
    }

    static List<String> names(JsonNode items) {
        List<String> names = new ArrayList<>();
        items.forEach(item -> names.add(item.get("name").asString()));
        return names;
    }

    static List<String> strings(JsonNode items) {
        List<String> values = new ArrayList<>();
        items.forEach(item -> values.add(item.asString()));
        return values;
    }
}
