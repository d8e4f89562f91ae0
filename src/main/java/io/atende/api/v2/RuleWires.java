package io.atende.api.v2;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.atende.automation.Action;
import io.atende.automation.ActionJson;
import io.atende.automation.Condition;
import io.atende.automation.ConditionJson;
import io.atende.automation.RuleTestResult;
import io.atende.automation.RuleView;
import io.atende.automation.SaveRule;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

/** What triggers and time-based automations share on the wire: their form, and how a request's parameters change one. */
final class RuleWires {

    private RuleWires() {
    }

    /** A rule as /trigger/* and /automation/* answer it; {@code events} only for a trigger. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RuleWire(String id, String name, @JsonInclude(JsonInclude.Include.NON_NULL) List<String> events, String match,
                    List<Map<String, Object>> conditions, List<Map<String, Object>> actions, int position, boolean active,
                    String creationDate, String lastUpdate, long runCount, long failureCount, String lastRunDate,
                    String lastFailureDate, String lastError) {

        static RuleWire of(RuleView rule, List<String> events, ZoneId zone) {
            return new RuleWire(rule.id(), rule.name(), events, rule.matchAll() ? "all" : "any",
                    ConditionWires.render(rule.conditions()), ActionWires.render(rule.actions()), rule.position(),
                    rule.active(), ApiDates.format(rule.createdAt(), zone), ApiDates.format(rule.updatedAt(), zone),
                    rule.runCount(), rule.failureCount(), date(rule.lastRunAt(), zone), date(rule.lastFailureAt(), zone),
                    rule.lastError());
        }

        private static String date(Instant at, ZoneId zone) {
            return at == null ? null : ApiDates.format(at, zone);
        }
    }

    /** A rule judged against a ticket, as /trigger/test and /automation/test answer it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TestWire(String ticketId, long protocol, String match, boolean matches, List<Map<String, Object>> conditions,
                    List<Map<String, Object>> actions) {

        static TestWire of(RuleTestResult result) {
            var rendered = ConditionWires.render(result.conditions().stream().map(RuleTestResult.ConditionResult::condition).toList());
            List<Map<String, Object>> conditions = new java.util.ArrayList<>();
            for (int i = 0; i < rendered.size(); i++) {
                var judged = result.conditions().get(i);
                Map<String, Object> wire = new java.util.LinkedHashMap<>(rendered.get(i));
                wire.put("holds", judged.holds());
                wire.put("actual", ConditionWires.actual(judged.condition(), judged.actual()));
                conditions.add(wire);
            }
            return new TestWire(result.ticketId(), result.protocol(), result.matchAll() ? "all" : "any", result.matches(),
                    conditions, ActionWires.render(result.actions()));
        }
    }

    /** Whether the request names a saved rule ({@code <kind>_id}) rather than giving a definition to test. */
    static boolean namesRule(ApiParams params, String idParameter) {
        return params.has(idParameter);
    }

    /** A new rule from the request. */
    static SaveRule created(ApiParams params, JsonMapper json, List<String> events) {
        return new SaveRule(params.raw("name"), events, params.oneOf("match", List.of("all", "any")).orElse("all").equals("all"),
                conditions(params, json), actions(params, json), params.integer("position").orElse(null),
                params.flag("active").orElse(true));
    }

    /** The rule as the request changes it: what is not sent stays. */
    static SaveRule changed(RuleView existing, ApiParams params, JsonMapper json, List<String> events) {
        return new SaveRule(params.has("name") ? params.raw("name") : existing.name(), events,
                params.oneOf("match", List.of("all", "any")).map("all"::equals).orElse(existing.matchAll()),
                params.has("conditions") ? conditions(params, json) : existing.conditions(),
                params.has("actions") ? actions(params, json) : existing.actions(),
                params.integer("position").orElse(existing.position()),
                params.flag("active").orElse(existing.active()));
    }

    private static List<Condition> conditions(ApiParams params, JsonMapper json) {
        return ConditionJson.parse("conditions", ConditionWires.toDomain(json, "conditions", params.raw("conditions")));
    }

    private static List<Action> actions(ApiParams params, JsonMapper json) {
        return ActionJson.parse("actions", ActionWires.toDomain(json, "actions", params.raw("actions")));
    }
}
