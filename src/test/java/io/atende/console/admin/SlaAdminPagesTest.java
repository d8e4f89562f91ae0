package io.atende.console.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Set;

import io.atende.console.ConsoleDates;
import io.atende.operator.OperatorRole;
import io.atende.sla.BusinessCalendar;
import io.atende.sla.BusinessHours;
import io.atende.sla.DefineCalendar;
import io.atende.sla.DefinePolicy;
import io.atende.sla.Holidays;
import io.atende.sla.SlaConditions;
import io.atende.sla.SlaManagement;
import io.atende.sla.SlaTargets;
import io.atende.support.ApiTest;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;
import io.atende.ticket.Priority;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/console.md, Administration: the calendars and SLA policies pages, their previews and their refusals in place. */
@ApiTest
class SlaAdminPagesTest {

    static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

    @Autowired
    TestTenants tenants;
    @Autowired
    SlaManagement sla;
    @Autowired
    ConsoleDates dates;

    Tenant tenant;
    BrowserSession admin;

    @BeforeEach
    void signIn() {
        tenant = tenants.create();
        admin = tenants.signedIn(tenant.accountId(), OperatorRole.ADMIN).session();
    }

    @Test
    void createsACalendarAndShowsItsHoursInOneForm() {
        var empty = admin.get("/console/admin/calendars");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.document().select("#timeZone").attr("value")).isEqualTo("America/Sao_Paulo");

        var created = admin.post("/console/admin/calendars", "name", "Escritório", "timeZone", "America/New_York",
                "hours", "mon 09:00-17:00\ntue-fri 09:00-17:00", "holidays", "2026-12-25\n--01-01");

        assertThat(created.redirectPath()).isEqualTo("/console/admin/calendars");
        var page = admin.get("/console/admin/calendars");
        assertThat(page.text("[role=status]")).isEqualTo("Calendário criado.");
        var calendar = sla.listCalendars(tenant.accountId()).get(0);
        assertThat(page.text("#calendar-" + calendar.id() + " code")).isEqualTo("mon-fri 09:00-17:00");
        assertThat(page.text("#calendar-" + calendar.id())).contains("America/New_York", "--01-01, 2026-12-25");
    }

    @Test
    void refusedCalendarsComeBackAsTypedWithTheMessageInPlace() {
        admin.get("/console/admin/calendars");

        var unreadable = admin.post("/console/admin/calendars", "name", "Escritório", "timeZone", "America/Sao_Paulo", "hours", "seg 8-18");
        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(unreadable.text(".error")).contains("seg 8-18");
        assertThat(unreadable.document().select("#hours").text()).isEqualTo("seg 8-18");
        assertThat(unreadable.document().select("#hours").attr("aria-invalid")).isEqualTo("true");
        assertThat(unreadable.document().select("#name").attr("value")).isEqualTo("Escritório");

        var zone = admin.post("/console/admin/calendars", "name", "Escritório", "timeZone", "Brasília", "hours", "mon-fri 08:00-18:00");
        assertThat(zone.status()).isEqualTo(400);
        assertThat(zone.text(".error")).contains("IANA");
        var holiday = admin.post("/console/admin/calendars", "name", "Escritório", "timeZone", "UTC", "hours", "mon 08:00-18:00",
                "holidays", "25/12");
        assertThat(holiday.status()).isEqualTo(400);
        assertThat(holiday.text(".error")).contains("25/12");
        assertThat(admin.post("/console/admin/calendars", "timeZone", "UTC", "hours", "mon 08:00-18:00").status()).isEqualTo(400);
        assertThat(sla.listCalendars(tenant.accountId())).isEmpty();
    }

    @Test
    void aCalendarsPageChangesItComputesADeadlineAndRefusesToDeleteItWhileAPolicyUsesIt() {
        var calendar = sla.createCalendar(tenant.accountId(), new DefineCalendar("Escritório", "America/New_York", "mon-fri 09:00-17:00", null));
        String path = "/console/admin/calendars/" + calendar.id();

        var page = admin.get(path);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text("h1")).isEqualTo("Escritório");
        assertThat(page.document().select("#hours").text()).isEqualTo("mon-fri 09:00-17:00");

        // Start read in the account's zone: 18:00 in São Paulo is 16:00 in New York, on the Friday before the spring change.
        var computed = admin.get(path + "?start=2026-03-06T18:00&minutes=120");
        assertThat(computed.status()).isEqualTo(200);
        assertThat(computed.text("#deadline-result")).contains("120").contains(dates.dateTime(Instant.parse("2026-03-09T14:00:00Z"),
                SAO_PAULO, Locale.forLanguageTag("pt-BR")));
        var badMinutes = admin.get(path + "?start=2026-03-06T18:00&minutes=muitos");
        assertThat(badMinutes.status()).isEqualTo(400);
        assertThat(badMinutes.text(".error")).contains("minutes");
        assertThat(admin.get(path + "?start=ontem&minutes=10").status()).isEqualTo(400);

        admin.get(path);
        var saved = admin.post(path, "name", "Escritório NY", "timeZone", "America/New_York", "hours", "mon-sat 09:00-13:00", "holidays", "");
        assertThat(saved.redirectPath()).isEqualTo(path);
        assertThat(sla.getCalendar(tenant.accountId(), calendar.id()).calendar().hours().toString()).isEqualTo("mon-sat 09:00-13:00");
        var refused = admin.post(path, "name", "Escritório NY", "timeZone", "America/New_York", "hours", "mon 09:00-13:00; mon 12:00-14:00");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text(".error")).contains("mon");
        assertThat(sla.getCalendar(tenant.accountId(), calendar.id()).calendar().hours().toString()).isEqualTo("mon-sat 09:00-13:00");

        sla.createPolicy(tenant.accountId(), new DefinePolicy("Padrão", calendar.id(), SlaConditions.ANY,
                new SlaTargets(null, null, Duration.ofHours(8)), 80, null, true));
        admin.get(path);
        var inUse = admin.post(path + "/delete");
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.text(".error")).contains("Escritório NY");
        assertThat(sla.listCalendars(tenant.accountId())).hasSize(1);
    }

    @Test
    void deletesACalendarAndKeepsOtherAccountsCalendarsUnknown() {
        var calendar = sla.createCalendar(tenant.accountId(), new DefineCalendar("Escritório", "UTC", "mon-fri 09:00-17:00", null));
        var other = tenants.create();
        var stranger = tenants.signedIn(other.accountId(), OperatorRole.ADMIN).session();

        assertThat(stranger.get("/console/admin/calendars/" + calendar.id()).status()).isEqualTo(404);
        stranger.get("/console/admin/calendars");
        assertThat(stranger.post("/console/admin/calendars/" + calendar.id() + "/delete").status()).isEqualTo(404);
        assertThat(stranger.get("/console/admin/sla/" + "0".repeat(32)).status()).isEqualTo(404);

        admin.get("/console/admin/calendars/" + calendar.id());
        assertThat(admin.post("/console/admin/calendars/" + calendar.id() + "/delete").redirectPath()).isEqualTo("/console/admin/calendars");
        assertThat(sla.listCalendars(tenant.accountId())).isEmpty();
    }

    @Test
    void createsAPolicyAndPreviewsWhenATicketOpenedNowWouldBeDue() {
        var calendar = sla.createCalendar(tenant.accountId(), new DefineCalendar("Segundas", "UTC", "mon 09:00-10:00", null));
        admin.get("/console/admin/sla");

        var created = admin.post("/console/admin/sla", "name", "Urgentes", "calendarId", calendar.id(), "priority", "URGENT",
                "priority", "HIGH", "firstReplyMinutes", "1", "resolutionMinutes", "90", "warningPercent", "75", "active", "true");

        assertThat(created.redirectPath()).isEqualTo("/console/admin/sla");
        var policy = sla.listPolicies(tenant.accountId()).get(0);
        assertThat(policy.conditions().priorities()).isEqualTo(Set.of(Priority.HIGH, Priority.URGENT));
        assertThat(policy.targets()).isEqualTo(new SlaTargets(Duration.ofMinutes(1), null, Duration.ofMinutes(90)));
        assertThat(policy.warningPercent()).isEqualTo(75);
        var page = admin.get("/console/admin/sla");
        assertThat(page.text("[role=status]")).isEqualTo("Política de SLA criada.");
        var business = new BusinessCalendar(ZoneOffset.UTC, BusinessHours.parse("mon 09:00-10:00"), Holidays.NONE);
        var firstReply = business.deadline(Instant.now(), Duration.ofMinutes(1));
        var row = page.text("#policy-" + policy.id());
        assertThat(row).contains("Urgentes", "Segundas").contains(dates.dateTime(firstReply, SAO_PAULO, Locale.forLanguageTag("pt-BR")));
        assertThat(row).doesNotContain("próxima resposta");
        assertThat(page.text("#policy-" + policy.id() + " .conditions")).isEqualTo("Prioridades: Alta Urgente");
    }

    @Test
    void refusedPoliciesComeBackAsTypedWithTheMessageInPlace() {
        admin.get("/console/admin/sla");

        var noTarget = admin.post("/console/admin/sla", "name", "Padrão", "warningPercent", "80", "active", "true");
        assertThat(noTarget.status()).isEqualTo(400);
        assertThat(noTarget.text(".error")).contains("resolution_minutes");
        assertThat(noTarget.document().select("#name").attr("value")).isEqualTo("Padrão");

        var notANumber = admin.post("/console/admin/sla", "name", "Padrão", "resolutionMinutes", "oito horas");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.document().select("#resolutionMinutes").attr("aria-invalid")).isEqualTo("true");
        assertThat(notANumber.document().select("#resolutionMinutes").attr("value")).isEqualTo("oito horas");
        var warning = admin.post("/console/admin/sla", "name", "Padrão", "resolutionMinutes", "60", "warningPercent", "100");
        assertThat(warning.status()).isEqualTo(400);
        var unknownOrganization = admin.post("/console/admin/sla", "name", "Padrão", "resolutionMinutes", "60", "organizationId", "nope");
        assertThat(unknownOrganization.status()).isEqualTo(400);
        assertThat(admin.post("/console/admin/sla", "name", "Padrão", "resolutionMinutes", "60", "priority", "SUPER").status()).isEqualTo(400);
        assertThat(sla.listPolicies(tenant.accountId())).isEmpty();
    }

    @Test
    void aPolicysPageChangesAndDeletesIt() {
        var policy = sla.createPolicy(tenant.accountId(), new DefinePolicy("Padrão", null, SlaConditions.ANY,
                new SlaTargets(null, null, Duration.ofHours(8)), 80, null, true));
        String path = "/console/admin/sla/" + policy.id();

        assertThat(admin.get("/console/admin/sla").text("#policy-" + policy.id() + " .conditions")).isEqualTo("Qualquer");
        var page = admin.get(path);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.document().select("#resolutionMinutes").attr("value")).isEqualTo("480");
        assertThat(page.document().select("input[name=active]").hasAttr("checked")).isTrue();

        var saved = admin.post(path, "name", "Padrão", "resolutionMinutes", "240", "nextReplyMinutes", "30", "warningPercent", "90",
                "position", "7");
        assertThat(saved.redirectPath()).isEqualTo(path);
        var changed = sla.getPolicy(tenant.accountId(), policy.id());
        assertThat(changed.targets()).isEqualTo(new SlaTargets(null, Duration.ofMinutes(30), Duration.ofMinutes(240)));
        assertThat(changed.active()).isFalse();
        assertThat(changed.position()).isEqualTo(7);
        admin.get(path);
        assertThat(admin.post(path, "name", "", "resolutionMinutes", "240").status()).isEqualTo(400);

        admin.get(path);
        assertThat(admin.post(path + "/delete").redirectPath()).isEqualTo("/console/admin/sla");
        assertThat(sla.listPolicies(tenant.accountId())).isEmpty();
    }
}
