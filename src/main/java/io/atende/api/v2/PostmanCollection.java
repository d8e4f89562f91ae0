package io.atende.api.v2;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.atende.api.v2.ApiEndpoint.Param;

import org.springframework.stereotype.Component;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Postman Collection v2.1 of API v2.0, built from the same route table as the server
 * ({@link ApiRoutes}): one folder per tag, one request per route, {@code {{baseUrl}}} and
 * {@code {{token}}} as collection variables.
 */
@Component
class PostmanCollection {

    static final String SCHEMA = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json";
    static final String DEFAULT_BASE_URL = "http://localhost:8080" + ApiRoutes.BASE_PATH;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ApiRoutes routes;
    private volatile ObjectNode collection;

    PostmanCollection(ApiRoutes routes) {
        this.routes = routes;
    }

    /** The collection; built on first use, as the route table is fixed once the server runs. */
    ObjectNode collection() {
        var built = collection;
        if (built == null) {
            built = build(routes.all());
            collection = built;
        }
        return built;
    }

    static ObjectNode build(List<ApiRoute> routes) {
        var root = NODES.objectNode();
        var info = root.putObject("info");
        info.put("name", "Atende API v2.0");
        info.put("description", "TomTicket-compatible REST API v2.0 served by Atende. Set baseUrl to your server's /v2.0"
                + " and token to an API token. Requests marked [ext] are Atende extensions.");
        info.put("schema", SCHEMA);
        var variables = root.putArray("variable");
        variable(variables, "baseUrl", DEFAULT_BASE_URL);
        variable(variables, "token", "");
        Map<String, ArrayNode> folders = new LinkedHashMap<>();
        for (ApiRoute route : routes) {
            folders.computeIfAbsent(route.endpoint().tag(), tag -> NODES.arrayNode()).add(request(route));
        }
        var items = root.putArray("item");
        folders.forEach((tag, requests) -> {
            var folder = items.addObject();
            folder.put("name", tag);
            folder.set("item", requests);
        });
        return root;
    }

    private static void variable(ArrayNode variables, String key, String value) {
        var variable = variables.addObject();
        variable.put("key", key);
        variable.put("value", value);
        variable.put("type", "string");
    }

    private static ObjectNode request(ApiRoute route) {
        ApiEndpoint endpoint = route.endpoint();
        var item = NODES.objectNode();
        item.put("name", route.method() + " " + route.path() + (endpoint.extension() ? " [ext]" : ""));
        var request = item.putObject("request");
        request.put("method", route.method());
        request.put("description", endpoint.summary().replaceFirst("\\.$", "") + ". " + OpenApiDocument.scopeSentence(endpoint));
        var headers = request.putArray("header");
        if (endpoint.access() == Access.PUBLIC) {
            request.putObject("auth").put("type", "noauth");
        } else {
            header(headers, "Authorization", "Bearer {{token}}");
        }
        boolean get = "GET".equals(route.method());
        var url = request.putObject("url");
        url.putArray("host").add("{{baseUrl}}");
        var path = url.putArray("path");
        Arrays.stream(route.path().split("/")).filter(segment -> !segment.isEmpty()).forEach(path::add);
        if (get) {
            var query = NODES.arrayNode();
            for (Param param : endpoint.params()) {
                query.add(field(param));
            }
            if (!query.isEmpty()) {
                url.set("query", query);
            }
            url.put("raw", "{{baseUrl}}" + route.path() + rawQuery(endpoint.params()));
        } else {
            url.put("raw", "{{baseUrl}}" + route.path());
            boolean files = Arrays.stream(endpoint.params()).anyMatch(param -> "file".equals(OpenApiDocument.type(param)));
            var body = request.putObject("body");
            String mode = files ? "formdata" : "urlencoded";
            body.put("mode", mode);
            var fields = body.putArray(mode);
            for (Param param : endpoint.params()) {
                var field = field(param);
                field.put("type", "file".equals(OpenApiDocument.type(param)) ? "file" : "text");
                fields.add(field);
            }
            if (!files) {
                header(headers, "Content-Type", "application/x-www-form-urlencoded");
            }
        }
        return item;
    }

    /** A query or body field: required ones enabled, optional ones present but disabled. */
    private static ObjectNode field(Param param) {
        var field = NODES.objectNode();
        field.put("key", "map".equals(OpenApiDocument.type(param)) ? param.name() + "[<key>]" : param.name());
        field.put("value", "");
        String description = OpenApiDocument.describe(param);
        field.put("description", (param.required() ? "Required." : "Optional.") + (description == null ? "" : " " + description));
        if (!param.required()) {
            field.put("disabled", true);
        }
        return field;
    }

    private static String rawQuery(Param[] params) {
        var required = Arrays.stream(params).filter(Param::required).map(param -> param.name() + "=").toList();
        return required.isEmpty() ? "" : "?" + String.join("&", required);
    }

    private static void header(ArrayNode headers, String key, String value) {
        var header = headers.addObject();
        header.put("key", key);
        header.put("value", value);
        header.put("type", "text");
    }
}
