package io.atende.api.v2;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.atende.api.v2.ApiEndpoint.Param;

import org.springframework.stereotype.Component;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI 3.1 description of API v2.0, built from the route table the server dispatches on
 * ({@link ApiRoutes}), so that every served endpoint is documented and nothing else is.
 */
@Component
class OpenApiDocument {

    static final String VERSION = "3.1.0";
    static final String EXTENSION = "x-atende-extension";
    static final String SCOPE = "x-atende-scope";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ERROR_REF = "#/components/schemas/ErrorEnvelope";
    private static final String[] BODY_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data", "application/json"};
    private static final Map<Integer, String> FAILURES = failures();
    /** The 403 of an account-wide admin operation, which a token limited to departments also gets. */
    static final String ACCOUNT_WIDE_403 = "Error403AccountWide";

    private final ApiRoutes routes;
    private volatile ObjectNode document;

    OpenApiDocument(ApiRoutes routes) {
        this.routes = routes;
    }

    /** The document; built on first use, as the route table is fixed once the server runs. */
    ObjectNode document() {
        var built = document;
        if (built == null) {
            built = build(routes.all());
            document = built;
        }
        return built;
    }

    static ObjectNode build(List<ApiRoute> routes) {
        var root = NODES.objectNode();
        root.put("openapi", VERSION);
        var info = root.putObject("info");
        info.put("title", "Atende API");
        info.put("version", "2.0");
        info.put("description", "TomTicket-compatible REST API v2.0 served by Atende. Every response, success or failure, is a"
                + " JSON envelope {error, message, success, data}. Send the token as \"Authorization: Bearer <token>\"."
                + " Operations marked " + EXTENSION + " are Atende extensions that TomTicket does not have.");
        root.putArray("servers").addObject().put("url", ApiRoutes.BASE_PATH);
        root.putArray("security").addObject().putArray("bearer");
        var tags = root.putArray("tags");
        var paths = root.putObject("paths");
        Set<String> tagNames = new LinkedHashSet<>();
        Set<String> operationIds = new HashSet<>();
        for (ApiRoute route : routes) {
            var pathItem = paths.has(route.path()) ? (ObjectNode) paths.get(route.path()) : paths.putObject(route.path());
            pathItem.set(route.method().toLowerCase(Locale.ROOT), operation(route, operationIds));
            tagNames.add(route.endpoint().tag());
        }
        tagNames.forEach(name -> tags.addObject().put("name", name));
        root.set("components", components());
        return root;
    }

    private static ObjectNode operation(ApiRoute route, Set<String> operationIds) {
        ApiEndpoint endpoint = route.endpoint();
        var operation = NODES.objectNode();
        operation.putArray("tags").add(endpoint.tag());
        operation.put("summary", endpoint.summary());
        operation.put("operationId", operationId(route, operationIds));
        String scope = scopeName(endpoint.access());
        operation.put("description", scopeSentence(endpoint) + (endpoint.extension() ? " Atende extension." : ""));
        operation.put(SCOPE, scope);
        operation.put(EXTENSION, endpoint.extension());
        if (endpoint.access() == Access.PUBLIC) {
            operation.putArray("security");
        }
        if ("GET".equals(route.method())) {
            if (endpoint.params().length > 0) {
                var parameters = operation.putArray("parameters");
                for (Param param : endpoint.params()) {
                    parameters.add(queryParameter(param));
                }
            }
        } else if (endpoint.params().length > 0) {
            operation.set("requestBody", requestBody(endpoint.params()));
        }
        operation.set("responses", responses(route));
        return operation;
    }

    /** A camel-case name from the path ({@code /ticket/reply/operator} gives {@code ticketReplyOperator}). */
    private static String operationId(ApiRoute route, Set<String> taken) {
        var name = new StringBuilder();
        for (String word : route.path().split("[^A-Za-z0-9]+")) {
            if (word.isEmpty()) {
                continue;
            }
            name.append(name.isEmpty() ? word.toLowerCase(Locale.ROOT)
                    : Character.toUpperCase(word.charAt(0)) + word.substring(1).toLowerCase(Locale.ROOT));
        }
        String id = name.toString();
        if (!taken.add(id)) {
            id = route.method().toLowerCase(Locale.ROOT) + Character.toUpperCase(id.charAt(0)) + id.substring(1);
            if (!taken.add(id)) {
                throw new IllegalStateException("Two routes would share the operationId " + id);
            }
        }
        return id;
    }

    static String scopeName(Access access) {
        return switch (access) {
            case PUBLIC -> "none";
            case PLATFORM -> "platform";
            default -> access.scope().wireName();
        };
    }

    /** What the operation needs of a token, including that an account-wide one refuses a token limited to departments. */
    static String scopeSentence(ApiEndpoint endpoint) {
        return accountWide(endpoint)
                ? "Needs a token with the admin scope that is not limited to departments: a limited token gets 403, as this"
                + " administers the whole account."
                : scopeSentence(endpoint.access());
    }

    /** An admin operation that refuses a token limited to departments ({@link ApiEndpoint#withinDepartments()}). */
    static boolean accountWide(ApiEndpoint endpoint) {
        return endpoint.access() == Access.ADMIN && !endpoint.withinDepartments();
    }

    static String scopeSentence(Access access) {
        return switch (access) {
            case PUBLIC -> "No token needed.";
            case PLATFORM -> "Needs the installation platform token (ATENDE_PLATFORM_TOKEN), not an account token.";
            case READ -> "Needs a token with the read scope (or write or admin).";
            case WRITE -> "Needs a token with the write scope (or admin).";
            case ADMIN -> "Needs a token with the admin scope.";
        };
    }

    private static ObjectNode queryParameter(Param param) {
        var parameter = NODES.objectNode();
        parameter.put("name", param.name());
        parameter.put("in", "query");
        parameter.put("required", param.required());
        String description = describe(param);
        if (description != null) {
            parameter.put("description", description);
        }
        switch (type(param)) {
            case "csv" -> {
                var schema = parameter.putObject("schema");
                schema.put("type", "array");
                schema.putObject("items").put("type", "string");
                parameter.put("style", "form");
                parameter.put("explode", false);
            }
            case "map" -> {
                parameter.set("schema", schema(param));
                parameter.put("style", "deepObject");
                parameter.put("explode", true);
            }
            default -> parameter.set("schema", schema(param));
        }
        return parameter;
    }

    private static ObjectNode requestBody(Param[] params) {
        var body = NODES.objectNode();
        body.put("required", List.of(params).stream().anyMatch(Param::required));
        var content = body.putObject("content");
        for (String mediaType : BODY_TYPES) {
            boolean multipart = mediaType.startsWith("multipart/");
            var schema = NODES.objectNode();
            schema.put("type", "object");
            var properties = schema.putObject("properties");
            var required = NODES.arrayNode();
            ObjectNode encoding = null;
            for (Param param : params) {
                if ("file".equals(type(param)) && !multipart) {
                    continue;
                }
                properties.set(param.name(), schema(param));
                if (param.required()) {
                    required.add(param.name());
                }
                if ("map".equals(type(param)) && !mediaType.equals("application/json")) {
                    if (encoding == null) {
                        encoding = NODES.objectNode();
                    }
                    var style = encoding.putObject(param.name());
                    style.put("style", "deepObject");
                    style.put("explode", true);
                }
            }
            if (!required.isEmpty()) {
                schema.set("required", required);
            }
            var media = content.putObject(mediaType);
            media.set("schema", schema);
            if (encoding != null) {
                media.set("encoding", encoding);
            }
        }
        return body;
    }

    static String type(Param param) {
        return switch (param.type()) {
            case "string", "integer", "boolean", "date", "file", "csv", "map" -> param.type();
            default -> throw new IllegalStateException("Parameter " + param.name() + " has unknown type " + param.type());
        };
    }

    private static ObjectNode schema(Param param) {
        var schema = NODES.objectNode();
        String hint = null;
        switch (type(param)) {
            case "integer" -> schema.put("type", "integer");
            case "boolean" -> {
                schema.put("type", "boolean");
                hint = "1 or 0";
            }
            case "date" -> {
                schema.put("type", "string");
                schema.put("format", "date-time");
                schema.putArray("examples").add("2026-08-21 12:11:17-0300");
                hint = "YYYY-MM-DD HH:MM:SS±HHMM; also ±HH:MM, Z, a T separator, a plain date or no offset (account time zone)";
            }
            case "file" -> {
                schema.put("type", "string");
                schema.put("format", "binary");
            }
            case "csv" -> {
                schema.put("type", "string");
                hint = "comma-separated values";
            }
            case "map" -> {
                schema.put("type", "object");
                schema.putObject("additionalProperties").put("type", "string");
                hint = "sent as " + param.name() + "[<key>]=<value>";
            }
            default -> schema.put("type", "string");
        }
        String description = describe(param.description(), hint);
        if (description != null) {
            schema.put("description", description);
        }
        return schema;
    }

    /** A parameter's description with its wire form, for readers of either document. */
    static String describe(Param param) {
        return describe(param.description(), switch (type(param)) {
            case "boolean" -> "1 or 0";
            case "date" -> "a date such as 2026-08-21 12:11:17-0300";
            case "csv" -> "comma-separated values";
            case "map" -> "sent as " + param.name() + "[<key>]=<value>";
            case "file" -> "a file";
            case "integer" -> "an integer";
            default -> null;
        });
    }

    private static String describe(String description, String hint) {
        if (hint == null) {
            return description.isEmpty() ? null : description;
        }
        return description.isEmpty() ? capitalize(hint) : description + " (" + hint + ")";
    }

    private static String capitalize(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static ObjectNode responses(ApiRoute route) {
        var responses = NODES.objectNode();
        var ok = responses.putObject("200");
        ok.put("description", "Success");
        ok.putObject("content").putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/Envelope");
        boolean post = "POST".equals(route.method());
        boolean guarded = route.endpoint().access() != Access.PUBLIC;
        boolean hasParams = route.endpoint().params().length > 0;
        for (var failure : FAILURES.keySet()) {
            boolean applies = switch (failure) {
                case 400 -> hasParams || post;
                case 401, 403, 429 -> guarded;
                case 409, 413, 415 -> post;
                default -> true;
            };
            if (applies) {
                String name = failure == 403 && accountWide(route.endpoint()) ? ACCOUNT_WIDE_403 : "Error" + failure;
                responses.putObject(Integer.toString(failure)).put("$ref", "#/components/responses/" + name);
            }
        }
        return responses;
    }

    private static ObjectNode components() {
        var components = NODES.objectNode();
        var bearer = components.putObject("securitySchemes").putObject("bearer");
        bearer.put("type", "http");
        bearer.put("scheme", "bearer");
        bearer.put("description", "An account API token (scopes read, write, admin) or the installation platform token."
                + " A bare \"Authorization: <token>\" is also accepted.");
        var schemas = components.putObject("schemas");
        schemas.set("Envelope", envelopeSchema());
        schemas.set("ErrorEnvelope", errorSchema());
        var responses = components.putObject("responses");
        FAILURES.forEach((status, description) -> {
            var response = responses.putObject("Error" + status);
            response.put("description", description);
            if (status == 429) {
                var headers = response.putObject("headers");
                for (String header : List.of("Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset")) {
                    headers.putObject(header).putObject("schema").put("type", "integer");
                }
            }
            response.putObject("content").putObject("application/json").putObject("schema").put("$ref", ERROR_REF);
        });
        var accountWide = responses.putObject(ACCOUNT_WIDE_403);
        accountWide.put("description", FAILURES.get(403) + ", or the token is limited to departments (department_ids)"
                + " while the operation administers the whole account");
        accountWide.putObject("content").putObject("application/json").putObject("schema").put("$ref", ERROR_REF);
        return components;
    }

    private static ObjectNode envelopeSchema() {
        var schema = NODES.objectNode();
        schema.put("type", "object");
        schema.putArray("required").add("error").add("message").add("success");
        var properties = schema.putObject("properties");
        properties.putObject("error").put("const", false);
        properties.putObject("message").put("type", "string");
        properties.putObject("success").put("const", true);
        properties.putObject("data").put("description", "The payload: an object, an array or a boolean");
        integer(properties, "size", "Lists: total matches across all pages");
        integer(properties, "pages", "Paged lists: number of pages of 50 items");
        integer(properties, "current_page", "Paged lists");
        nullableInteger(properties.putObject("next_page"), "Paged lists: null on the last page");
        nullableInteger(properties.putObject("previous_page"), "Paged lists: null on the first page");
        properties.putObject("size_capped").put("type", "boolean").put("description",
                "[ext] Present (true) when a search's matches were counted only up to a cap (1,000 by default): size is the cap, "
                        + "and there may be more");
        properties.putObject("id").put("type", "string").put("description", "Creations: the new record's id");
        return schema;
    }

    private static ObjectNode errorSchema() {
        var schema = NODES.objectNode();
        schema.put("type", "object");
        schema.putArray("required").add("error").add("message").add("success");
        var properties = schema.putObject("properties");
        properties.putObject("error").put("const", true);
        properties.putObject("message").put("type", "string").put("description", "Why, in the language of Accept-Language");
        properties.putObject("success").put("const", false);
        properties.putObject("correlation_id").put("type", "string")
                .put("description", "500 only: the X-Request-Id of the failed request, to quote when reporting it");
        return schema;
    }

    private static void integer(ObjectNode properties, String name, String description) {
        properties.putObject(name).put("type", "integer").put("description", description);
    }

    private static void nullableInteger(ObjectNode property, String description) {
        ArrayNode types = property.putArray("type");
        types.add("integer").add("null");
        property.put("description", description);
    }

    private static Map<Integer, String> failures() {
        Map<Integer, String> failures = new LinkedHashMap<>();
        failures.put(400, "A parameter is missing, too long, of the wrong type or value, or a bad date");
        failures.put(401, "No, unknown or revoked token");
        failures.put(403, "The token lacks the scope, or the caller's IP is outside its allow-list");
        failures.put(404, "Unknown id (or another account's), or a list page past the last one");
        failures.put(405, "Wrong method on a known path");
        failures.put(409, "A business rule refuses the operation");
        failures.put(413, "Request over 25 MB, or more than 25 attachments");
        failures.put(415, "Unsupported content type");
        failures.put(429, "Rate limit exceeded");
        failures.put(500, "Unexpected failure; the envelope carries a correlation_id");
        return failures;
    }
}
