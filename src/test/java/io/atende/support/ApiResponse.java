package io.atende.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** A response as a test reads it: status, headers, and the envelope's members. */
public record ApiResponse(int status, Map<String, List<String>> headers, byte[] body) {

    /** The response, once asserted to have succeeded (200): for what a test sets up through the API. */
    public static ApiResponse ok(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response;
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
        return ApiClient.JSON.readTree(body);
    }

    public JsonNode data() {
        return json().get("data");
    }

    public String message() {
        return json().get("message").asString();
    }

    /** The root {@code id} of a creation. */
    public String id() {
        return json().get("id").asString();
    }

    public String header(String name) {
        return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
    }

    @Override
    public String toString() {
        return status + " " + text();
    }
}
