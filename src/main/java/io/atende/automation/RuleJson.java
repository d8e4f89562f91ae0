package io.atende.automation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import io.atende.platform.InvalidInputException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON arrays rules and macros are written in (actions, conditions): read one, element by element. */
final class RuleJson {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private RuleJson() {
    }

    /**
     * The elements of a JSON array, each read by {@code element} with its own name ({@code <parameter>[<index>]});
     * null or blank text is none.
     *
     * @param what "actions" or "conditions": names the messages of a malformed or too long array
     */
    static <T> List<T> parseArray(String parameter, String json, String what, int max, BiFunction<String, JsonNode, T> element) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException malformed) {
            throw new InvalidInputException(parameter, "automation." + what + "_malformed");
        }
        if (root == null || !root.isArray()) {
            throw new InvalidInputException(parameter, "automation." + what + "_malformed");
        }
        if (root.size() > max) {
            throw new InvalidInputException(parameter, "automation.too_many_" + what, max);
        }
        List<T> elements = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            elements.add(element.apply(parameter + "[" + i + "]", root.get(i)));
        }
        return List.copyOf(elements);
    }
}
