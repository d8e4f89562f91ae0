package io.atende.api.v2;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

import io.atende.platform.InvalidInputException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Dates on the wire (docs/api.md, Dates and time zones). */
class ApiDatesTest {

    private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

    // --- output --------------------------------------------------------------------------------

    @Test
    void writesTheAccountZoneWithAColonInTheOffset() {
        assertThat(ApiDates.format(Instant.parse("2026-08-21T15:11:17Z"), SAO_PAULO)).isEqualTo("2026-08-21 12:11:17-03:00");
    }

    @Test
    void writesUtcAsPlusZeroNotZ() {
        assertThat(ApiDates.format(Instant.parse("2026-08-21T15:11:17Z"), ZoneOffset.UTC)).isEqualTo("2026-08-21 15:11:17+00:00");
        assertThat(ApiDates.format(Instant.parse("2026-08-21T15:11:17Z"), ZoneId.of("UTC"))).isEqualTo("2026-08-21 15:11:17+00:00");
    }

    @Test
    void dropsFractionsOfASecondAndKeepsHalfHourZones() {
        assertThat(ApiDates.format(Instant.parse("2026-01-02T03:04:05.999Z"), ZoneId.of("Asia/Kolkata")))
                .isEqualTo("2026-01-02 08:34:05+05:30");
    }

    @Test
    void writesNothingForNoDate() {
        assertThat(ApiDates.format(null, SAO_PAULO)).isNull();
    }

    // --- input ---------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "2026-08-21 12:11:17-0300   | 2026-08-21T15:11:17Z",
            "2026-08-21 12:11:17+0300   | 2026-08-21T09:11:17Z",
            "2026-08-21 12:11:17-03:00  | 2026-08-21T15:11:17Z",
            "2026-08-21 12:11:17+05:30  | 2026-08-21T06:41:17Z",
            "2026-08-21 12:11:17Z       | 2026-08-21T12:11:17Z",
            "2026-08-21T12:11:17Z       | 2026-08-21T12:11:17Z",
            "2026-08-21T12:11:17-03:00  | 2026-08-21T15:11:17Z",
            "2026-08-21T12:11:17.250Z   | 2026-08-21T12:11:17.250Z",
            "2026-08-21 12:11-0300      | 2026-08-21T15:11:00Z",
            "2026-08-21 12:11:17-03     | 2026-08-21T15:11:17Z",
    })
    void readsTomTicketsFormAndTheIsoVariations(String text, String expected) {
        assertThat(ApiDates.parse(text).orElseThrow().resolve(SAO_PAULO)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void anOffsetWinsOverTheAccountZone() {
        var parsed = ApiDates.parse("2026-08-21 12:11:17+0000").orElseThrow();

        assertThat(parsed.resolve(SAO_PAULO)).isEqualTo(parsed.resolve(ZoneId.of("Asia/Tokyo")));
    }

    @Test
    void readsAPlusThatArrivedAsASpace() {
        // An unencoded query string turns "+0300" into " 0300".
        assertThat(ApiDates.parse("2026-08-21 12:11:17 0300").orElseThrow().resolve(SAO_PAULO))
                .isEqualTo(Instant.parse("2026-08-21T09:11:17Z"));
        assertThat(ApiDates.parse("2026-08-21 12:11:17 03:00").orElseThrow().resolve(SAO_PAULO))
                .isEqualTo(Instant.parse("2026-08-21T09:11:17Z"));
    }

    @Test
    void readsAPlainDateAsTheStartOfThatDayInTheAccountZone() {
        var parsed = ApiDates.parse("2026-08-21").orElseThrow();

        assertThat(parsed.resolve(SAO_PAULO)).isEqualTo(Instant.parse("2026-08-21T03:00:00Z"));
        assertThat(parsed.resolve(ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-08-21T00:00:00Z"));
    }

    @Test
    void readsADateTimeWithoutOffsetInTheAccountZone() {
        assertThat(ApiDates.parse("2026-08-21 12:11:17").orElseThrow().resolve(SAO_PAULO))
                .isEqualTo(Instant.parse("2026-08-21T15:11:17Z"));
        assertThat(ApiDates.parse("2026-08-21T12:11:17").orElseThrow().resolve(ZoneId.of("Europe/Lisbon")))
                .isEqualTo(Instant.parse("2026-08-21T11:11:17Z"));
    }

    @Test
    void toleratesSurroundingBlanks() {
        assertThat(ApiDates.parse("  2026-08-21 12:11:17-0300 ")).isPresent();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
            "2026-13-01", "2026-00-10", "2026-02-30", "2025-02-29", "2026-08-32", "2026-08-21 24:00:00", "2026-08-21 12:60:00",
            "2026-08-21 12:11:60", "2026-08-21 12:11:17+2500", "2026-08-21 12:11:17-0360", "yesterday", "21/08/2026",
            "2026-8-21", "20260821", "2026-08-21 12", "2026-08-21 12:11:17 America/Sao_Paulo", "2026-08-21X12:11:17", "", " ",
            "2026-08-21 12:11:17-03:00 trailing", "1755788477"})
    void refusesAnythingElse(String text) {
        assertThat(ApiDates.parse(text)).isEmpty();
    }

    @Test
    void acceptsTheLeapDayOfALeapYear() {
        assertThat(ApiDates.parse("2028-02-29 00:00:00Z")).isPresent();
    }

    @Test
    void whatIsWrittenReadsBackAsTheSameInstant() {
        Instant instant = Instant.parse("2026-03-08T04:59:59Z");

        assertThat(ApiDates.parse(ApiDates.format(instant, SAO_PAULO)).orElseThrow().resolve(ZoneOffset.UTC)).isEqualTo(instant);
    }

    // --- the parameter reader ------------------------------------------------------------------

    @Test
    void theDateParameterReaderResolvesInTheAccountZone() {
        var params = new ApiParams(Map.of("creation_date_ge", "2026-08-21", "empty", ""));

        assertThat(params.date("creation_date_ge", SAO_PAULO)).contains(Instant.parse("2026-08-21T03:00:00Z"));
        assertThat(params.date("absent", SAO_PAULO)).isEmpty();
        assertThat(params.date("empty", SAO_PAULO)).isEmpty();
    }

    @Test
    void theDateParameterReaderRefusesABadDateNamingTheParameter() {
        var params = new ApiParams(Map.of("creation_date_ge", "2026-02-30"));

        assertThatThrownBy(() -> params.date("creation_date_ge", SAO_PAULO)).isInstanceOfSatisfying(InvalidInputException.class,
                refusal -> {
                    assertThat(refusal.messageKey()).isEqualTo("parameter.invalid_date");
                    assertThat(refusal.arguments()).containsExactly("creation_date_ge");
                });
    }

    @Test
    void theBadDateMessageSaysInvalidDateInEnglishAndIsTranslated() {
        var messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        Object[] parameter = {"creation_date_ge"};

        String english = messages.getMessage("parameter.invalid_date", parameter, Locale.ENGLISH);
        String portuguese = messages.getMessage("parameter.invalid_date", parameter, ApiWebConfiguration.PORTUGUESE);
        String spanish = messages.getMessage("parameter.invalid_date", parameter, ApiWebConfiguration.SPANISH);

        assertThat(english).contains("Invalid date.").contains("creation_date_ge");
        assertThat(portuguese).contains("creation_date_ge").isNotEqualTo(english);
        assertThat(spanish).contains("creation_date_ge").isNotEqualTo(english).isNotEqualTo(portuguese);
    }
}
