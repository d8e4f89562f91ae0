package io.atende.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import io.atende.platform.InvalidInputException;
import io.atende.platform.RuleViolationException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Business-time arithmetic on fixed cases whose answers were worked out by hand. */
class BusinessCalendarTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

    static BusinessCalendar calendar(ZoneId zone, String hours, String holidays) {
        return new BusinessCalendar(zone, BusinessHours.parse(hours), Holidays.parse(holidays));
    }

    static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    static Duration minutes(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    @Test
    void aDayOfNewYorkWallClockHasTwentyThreeHoursInSpringAndTwentyFiveInAutumn() {
        var always = calendar(NEW_YORK, "mon-sun 00:00-24:00", null);

        assertThat(always.businessTimeBetween(at("2026-03-08T00:00-05:00"), at("2026-03-09T00:00-04:00"))).isEqualTo(Duration.ofHours(23));
        assertThat(always.businessTimeBetween(at("2026-11-01T00:00-04:00"), at("2026-11-02T00:00-05:00"))).isEqualTo(Duration.ofHours(25));
        // 24 hours of elapsed time from midnight before the spring change end at one in the morning.
        assertThat(always.deadline(at("2026-03-08T00:00-05:00"), minutes(24 * 60))).isEqualTo(at("2026-03-09T01:00-04:00"));
        assertThat(always.deadline(at("2026-11-01T00:00-04:00"), minutes(24 * 60))).isEqualTo(at("2026-11-01T23:00-05:00"));
    }

    @Test
    void officeHoursInNewYorkCarryOverTheWeekendOfEachChange() {
        var office = calendar(NEW_YORK, "mon-fri 09:00-17:00", null);

        // Friday 16:00 EST plus two business hours: one on Friday, one on Monday, which is already EDT.
        assertThat(office.deadline(at("2026-03-06T16:00-05:00"), minutes(120))).isEqualTo(at("2026-03-09T10:00-04:00"));
        assertThat(office.deadline(at("2026-10-30T16:30-04:00"), minutes(90))).isEqualTo(at("2026-11-02T10:00-05:00"));
        assertThat(office.businessTimeBetween(at("2026-03-06T09:00-05:00"), at("2026-03-09T17:00-04:00"))).isEqualTo(Duration.ofHours(16));
    }

    @Test
    void aRangeAcrossTheSkippedHourIsAnHourShorterAndAcrossTheRepeatedOneAnHourLonger() {
        var night = calendar(NEW_YORK, "sun 01:00-04:00", null);

        assertThat(night.businessTimeBetween(at("2026-03-08T00:00-05:00"), at("2026-03-09T00:00-04:00"))).isEqualTo(Duration.ofHours(2));
        assertThat(night.businessTimeBetween(at("2026-11-01T00:00-04:00"), at("2026-11-02T00:00-05:00"))).isEqualTo(Duration.ofHours(4));
        // A range opening inside the skipped hour opens at the change.
        var skipped = calendar(NEW_YORK, "sun 02:30-04:00", null);
        assertThat(skipped.deadline(at("2026-03-08T00:00-05:00"), minutes(1))).isEqualTo(at("2026-03-08T03:01-04:00"));
    }

    @Test
    void saoPauloCountsOfficeHoursAndTheOldMidnightChange() {
        var office = calendar(SAO_PAULO, "mon-fri 08:00-18:00", null);
        assertThat(office.deadline(at("2026-08-21T17:00-03:00"), minutes(120))).isEqualTo(at("2026-08-24T09:00-03:00"));

        // On 2018-11-04 Brazil's clocks went from 00:00 straight to 01:00: that Sunday's 00:00-02:00 held one hour.
        var sunday = calendar(SAO_PAULO, "sun 00:00-02:00", null);
        assertThat(sunday.businessTimeBetween(at("2018-11-03T12:00-03:00"), at("2018-11-05T00:00-02:00"))).isEqualTo(Duration.ofHours(1));
        assertThat(sunday.deadline(at("2018-11-03T12:00-03:00"), minutes(30))).isEqualTo(at("2018-11-04T01:30-02:00"));
    }

    @Test
    void holidaysCloseTheirWholeDayOnceOrEveryYear() {
        var office = calendar(SAO_PAULO, "mon-fri 08:00-18:00", "2026-12-25, --01-01");

        assertThat(office.deadline(at("2026-12-24T17:00-03:00"), minutes(120))).isEqualTo(at("2026-12-28T09:00-03:00"));
        assertThat(office.deadline(at("2026-12-31T17:00-03:00"), minutes(120))).isEqualTo(at("2027-01-04T09:00-03:00"));
        assertThat(office.deadline(at("2027-12-31T17:00-03:00"), minutes(120))).isEqualTo(at("2028-01-03T09:00-03:00"));
        // 2027-12-24 is a Friday and not a holiday: the fixed date closed only 2026.
        assertThat(office.deadline(at("2027-12-23T17:00-03:00"), minutes(120))).isEqualTo(at("2027-12-24T09:00-03:00"));
    }

    @Test
    void aRangeFromElevenAtNightToTwoInTheMorningRunsIntoTheNextDay() {
        var night = calendar(ZoneOffset.UTC, "mon-fri 23:00-02:00", null);

        assertThat(night.deadline(at("2026-08-24T22:00Z"), minutes(240))).isEqualTo(at("2026-08-26T00:00Z"));
        // Friday's shift ends on Saturday at two; the next starts on Monday at eleven at night.
        assertThat(night.deadline(at("2026-08-29T01:00Z"), minutes(90))).isEqualTo(at("2026-08-31T23:30Z"));
        assertThat(night.businessTimeBetween(at("2026-08-24T00:00Z"), at("2026-08-31T00:00Z"))).isEqualTo(Duration.ofHours(15));
        // A holiday closes its own day: Monday's shift stops at midnight, Tuesday's opens only at midnight on Wednesday.
        var closedTuesday = calendar(ZoneOffset.UTC, "mon-fri 23:00-02:00", "2026-08-25");
        assertThat(closedTuesday.deadline(at("2026-08-24T22:00Z"), minutes(120))).isEqualTo(at("2026-08-26T01:00Z"));
    }

    @Test
    void aYearLongSpanCountsEveryWeekdayOfTheYear() {
        var office = calendar(ZoneOffset.UTC, "mon-fri 09:00-17:00", null);
        // 2026 starts on a Thursday and has 261 weekdays.
        Duration year = Duration.ofHours(261 * 8);

        assertThat(office.businessTimeBetween(at("2026-01-01T00:00Z"), at("2027-01-01T00:00Z"))).isEqualTo(year);
        assertThat(office.deadline(at("2026-01-01T00:00Z"), year)).isEqualTo(at("2026-12-31T17:00Z"));
        assertThat(BusinessCalendar.twentyFourSeven().deadline(at("2026-01-01T00:00Z"), Duration.ofDays(365)))
                .isEqualTo(at("2027-01-01T00:00Z"));
    }

    @Test
    void aSpanEndsWhenItsLastMinuteIsCountedAndAZeroSpanAtItsStart() {
        var office = calendar(ZoneOffset.UTC, "mon-fri 09:00-17:00", null);

        assertThat(office.deadline(at("2026-08-24T09:00Z"), minutes(480))).isEqualTo(at("2026-08-24T17:00Z"));
        assertThat(office.deadline(at("2026-08-23T03:00Z"), Duration.ZERO)).isEqualTo(at("2026-08-23T03:00Z"));
        assertThat(office.businessTimeBetween(at("2026-08-25T00:00Z"), at("2026-08-24T00:00Z"))).isEqualTo(Duration.ofHours(-8));
    }

    @Test
    void refusesASpanTheCalendarCannotReachWithinAHundredYears() {
        var holidaysEveryDay = calendar(ZoneOffset.UTC, "mon 09:00-09:01", "--01-01");

        assertThat(holidaysEveryDay.deadline(at("2026-01-01T00:00Z"), minutes(2))).isEqualTo(at("2026-01-12T09:01Z"));
        assertThatThrownBy(() -> holidaysEveryDay.deadline(at("2026-01-01T00:00Z"), minutes(60 * 24 * 365)))
                .isInstanceOf(RuleViolationException.class).hasMessageContaining("calendar.beyond_horizon");
    }

    @Test
    void writesHoursInOneFormGroupingDaysWithTheSameRanges() {
        assertThat(BusinessHours.parse("MON 08:00-12:00, 13:00-18:00; tue-fri 8:00-12:00 13:00-18:00\nsat 08:00-12:00").toString())
                .isEqualTo("mon-fri 08:00-12:00, 13:00-18:00; sat 08:00-12:00");
        assertThat(BusinessHours.parse("fri-mon 22:00-24:00").toString()).isEqualTo("mon 22:00-24:00; fri-sun 22:00-24:00");
        assertThat(BusinessHours.parse("mon,wed 23:00-02:00").toString()).isEqualTo("mon 23:00-02:00; wed 23:00-02:00");
        assertThat(BusinessHours.ALWAYS.toString()).isEqualTo("mon-sun 00:00-24:00");
        assertThat(Holidays.parse("2026-12-25\n--01-01, 2026-11-20").texts()).containsExactly("--01-01", "2026-11-20", "2026-12-25");
    }

    @Test
    void refusesUnreadableOrOverlappingHoursAndUnreadableHolidays() {
        for (String bad : new String[] {"", "mon", "mon 8-12", "xyz 08:00-12:00", "mon 25:00-26:00", "mon 08:60-09:00",
                "mon 24:00-02:00", "mon 08:00-24:30", "mon-fri-sat 08:00-09:00"}) {
            assertThatThrownBy(() -> BusinessHours.parse(bad)).as(bad).isInstanceOf(InvalidInputException.class)
                    .extracting(failure -> ((InvalidInputException) failure).parameter()).isEqualTo("hours");
        }
        assertThatThrownBy(() -> BusinessHours.parse("mon 08:00-12:00; mon 11:00-13:00")).hasMessageContaining("calendar.hours_overlap");
        assertThatThrownBy(() -> BusinessHours.parse("sun 23:00-02:00; mon 01:00-03:00")).hasMessageContaining("calendar.hours_overlap");
        assertThat(BusinessHours.parse("mon 08:00-12:00; mon 12:00-13:00").toString()).isEqualTo("mon 08:00-12:00, 12:00-13:00");
        for (String bad : new String[] {"2026-02-30", "--13-01", "25/12", "2026-1-1"}) {
            assertThatThrownBy(() -> Holidays.parse(bad)).as(bad).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("calendar.holiday_invalid");
        }
    }
}
