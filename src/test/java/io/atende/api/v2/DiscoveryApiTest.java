package io.atende.api.v2;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import io.atende.api.v2.ApiEndpoint.Param;
import io.atende.support.ApiClient;
import io.atende.support.ApiResponse;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The OpenAPI and Postman documents describe exactly the routes the server dispatches on: every
 * route of the table appears in both, and neither lists a route the server does not serve.
 */
@ApiTest
class DiscoveryApiTest {

    private static final List<String> BODY_TYPES = List.of("application/x-www-form-urlencoded", "multipart/form-data",
            "application/json");

    @Autowired
    TestTenants tenants;

    @Autowired
    ApiRoutes routes;

    ApiClient anonymous;

    @BeforeEach
    void client() {
        anonymous = new ApiClient(tenants.port(), null);
    }

    @Test
    void theRouteTableHoldsTheServedEndpointsIncludingDiscoveryItself() {
        Set<String> table = routeKeys();

        assertThat(table).contains("GET /department/list", "POST /department/new", "GET /operator/list", "POST /operator/delete",
                "GET /openapi.json", "GET /postman.json");
    }

    @Test
    void openApiIsServedWithoutATokenAsJson() {
        var response = anonymous.get("/openapi.json");
        var withGarbageToken = new ApiClient(tenants.port(), "not-a-token").get("/openapi.json");

        assertThat(response.status()).isEqualTo(200);
        assertJsonUtf8(response);
        assertThat(withGarbageToken.status()).isEqualTo(200);
        assertThat(withGarbageToken.text()).isEqualTo(response.text());
    }

    @Test
    void openApiHasTheVersionInfoServerAndBearerScheme() {
        JsonNode doc = anonymous.get("/openapi.json").json();

        assertThat(doc.get("openapi").asString()).isEqualTo("3.1.0");
        assertThat(doc.get("info").get("title").asString()).isEqualTo("Atende API");
        assertThat(doc.get("info").get("version").asString()).isEqualTo("2.0");
        assertThat(doc.get("servers").get(0).get("url").asString()).isEqualTo("/v2.0");
        var bearer = doc.get("components").get("securitySchemes").get("bearer");
        assertThat(bearer.get("type").asString()).isEqualTo("http");
        assertThat(bearer.get("scheme").asString()).isEqualTo("bearer");
        assertThat(doc.get("security").get(0).has("bearer")).isTrue();
    }

    @Test
    void openApiDocumentsEveryRouteOfTheTableAndNoOther() {
        JsonNode paths = anonymous.get("/openapi.json").json().get("paths");

        Set<String> documented = new TreeSet<>();
        for (var path : paths.properties()) {
            for (var operation : path.getValue().properties()) {
                documented.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }
        assertThat(documented).isEqualTo(routeKeys());
    }

    @Test
    void openApiDescribesEachOperationFromItsAnnotation() {
        JsonNode paths = anonymous.get("/openapi.json").json().get("paths");
        Set<String> operationIds = new HashSet<>();

        for (ApiRoute route : routes.all()) {
            ApiEndpoint endpoint = route.endpoint();
            JsonNode operation = paths.get(route.path()).get(route.method().toLowerCase(Locale.ROOT));
            String where = route.method() + " " + route.path();

            assertThat(operation.get("summary").asString()).as(where).isEqualTo(endpoint.summary());
            assertThat(operation.get("tags").get(0).asString()).as(where).isEqualTo(endpoint.tag());
            assertThat(operationIds.add(operation.get("operationId").asString())).as(where + " has a unique operationId").isTrue();
            assertThat(operation.get("x-atende-extension").asBoolean()).as(where).isEqualTo(endpoint.extension());
            assertThat(operation.get("x-atende-scope").asString()).as(where).isEqualTo(expectedScope(endpoint.access()));
            assertThat(operation.get("description").asString()).as(where).isNotBlank();
            if (endpoint.access() == Access.PUBLIC) {
                assertThat(operation.get("security").isArray() && operation.get("security").isEmpty()).as(where).isTrue();
            } else {
                assertThat(operation.has("security")).as(where + " inherits the bearer requirement").isFalse();
                assertThat(operation.get("responses").has("401")).as(where).isTrue();
                assertThat(operation.get("responses").get("403").get("$ref").asString()).as(where)
                        .isEqualTo(endpoint.access() == Access.ADMIN && !endpoint.withinDepartments()
                                ? "#/components/responses/Error403AccountWide" : "#/components/responses/Error403");
            }
            assertThat(operation.get("responses").get("200").get("content").get("application/json").get("schema")
                    .get("$ref").asString()).as(where).isEqualTo("#/components/schemas/Envelope");
            assertThat(operation.get("responses").get("500").get("$ref").asString()).as(where).isEqualTo("#/components/responses/Error500");
        }
    }

    @Test
    void accountWideAdminOperationsSayThatATokenLimitedToDepartmentsGets403() {
        JsonNode doc = anonymous.get("/openapi.json").json();
        JsonNode paths = doc.get("paths");

        JsonNode operatorNew = paths.get("/operator/new").get("post");
        assertThat(operatorNew.get("responses").get("403").get("$ref").asString()).isEqualTo("#/components/responses/Error403AccountWide");
        assertThat(operatorNew.get("description").asString()).contains("not limited to departments");
        assertThat(paths.get("/webhook/list").get("get").get("responses").get("403").get("$ref").asString())
                .isEqualTo("#/components/responses/Error403AccountWide");
        // Admin operations that confine themselves to a limited token's departments admit it.
        JsonNode tokenNew = paths.get("/token/new").get("post");
        assertThat(tokenNew.get("responses").get("403").get("$ref").asString()).isEqualTo("#/components/responses/Error403");
        assertThat(tokenNew.get("description").asString()).doesNotContain("limited");
        assertThat(paths.get("/ticket/list").get("get").get("responses").get("403").get("$ref").asString())
                .isEqualTo("#/components/responses/Error403");
        assertThat(doc.get("components").get("responses").get("Error403AccountWide").get("description").asString())
                .contains("limited to departments");
    }

    @Test
    void extensionsAreMarkedAndTomTicketEndpointsAreNot() {
        JsonNode paths = anonymous.get("/openapi.json").json().get("paths");

        assertThat(paths.get("/operator/list").get("get").get("x-atende-extension").asBoolean()).isTrue();
        assertThat(paths.get("/department/new").get("post").get("x-atende-extension").asBoolean()).isTrue();
        assertThat(paths.get("/department/list").get("get").get("x-atende-extension").asBoolean()).isFalse();
        assertThat(paths.get("/department/operator/list").get("get").get("x-atende-scope").asString()).isEqualTo("read");
        assertThat(paths.get("/operator/new").get("post").get("x-atende-scope").asString()).isEqualTo("admin");
    }

    @Test
    void openApiListsEveryParameterWithItsRequiredFlag() {
        JsonNode paths = anonymous.get("/openapi.json").json().get("paths");

        for (ApiRoute route : routes.all()) {
            JsonNode operation = paths.get(route.path()).get(route.method().toLowerCase(Locale.ROOT));
            String where = route.method() + " " + route.path();
            Param[] params = route.endpoint().params();
            if (route.method().equals("GET")) {
                List<String> names = new ArrayList<>();
                operation.path("parameters").forEach(parameter -> {
                    assertThat(parameter.get("in").asString()).isEqualTo("query");
                    names.add(parameter.get("name").asString());
                });
                assertThat(names).as(where).containsExactly(Arrays.stream(params).map(Param::name).toArray(String[]::new));
                for (Param param : params) {
                    JsonNode parameter = parameterNamed(operation, param.name());
                    assertThat(parameter.get("required").asBoolean()).as(where + " " + param.name()).isEqualTo(param.required());
                    assertThat(parameter.has("schema")).isTrue();
                }
                assertThat(operation.has("requestBody")).as(where).isFalse();
            } else if (params.length > 0) {
                for (String type : BODY_TYPES) {
                    JsonNode schema = operation.get("requestBody").get("content").get(type).get("schema");
                    List<String> required = new ArrayList<>();
                    schema.path("required").forEach(name -> required.add(name.asString()));
                    for (Param param : params) {
                        boolean carried = type.startsWith("multipart/") || !param.type().equals("file");
                        assertThat(schema.get("properties").has(param.name())).as(where + " " + type + " " + param.name())
                                .isEqualTo(carried);
                        assertThat(required.contains(param.name())).as(where + " " + type + " " + param.name() + " required")
                                .isEqualTo(param.required() && carried);
                    }
                }
            }
        }
    }

    @Test
    void requiredParametersOfKnownEndpointsAreMarked() {
        JsonNode paths = anonymous.get("/openapi.json").json().get("paths");

        JsonNode form = paths.get("/department/operator/add").get("post").get("requestBody").get("content")
                .get("application/x-www-form-urlencoded").get("schema");
        assertThat(form.get("required").toString()).isEqualTo("[\"department_id\",\"operator_id\"]");
        JsonNode categories = parameterNamed(paths.get("/department/category/list").get("get"), "department_id");
        assertThat(categories.get("required").asBoolean()).isTrue();
        JsonNode page = parameterNamed(paths.get("/operator/list").get("get"), "page");
        assertThat(page.get("required").asBoolean()).isFalse();
        assertThat(page.get("schema").get("type").asString()).isEqualTo("integer");
    }

    @Test
    void everyReferenceInTheOpenApiDocumentResolves() {
        JsonNode doc = anonymous.get("/openapi.json").json();
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);

        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).startsWith("#/");
            assertThat(doc.at(JsonPointer.compile(ref.substring(1))).isMissingNode()).as(ref).isFalse();
        }
        JsonNode error = doc.get("components").get("schemas").get("ErrorEnvelope");
        assertThat(error.get("properties").has("correlation_id")).isTrue();
        for (String status : List.of("400", "401", "403", "403AccountWide", "404", "405", "409", "413", "415", "429", "500")) {
            assertThat(doc.get("components").get("responses").get("Error" + status).get("content").get("application/json")
                    .get("schema").get("$ref").asString()).isEqualTo("#/components/schemas/ErrorEnvelope");
        }
    }

    @Test
    void postmanIsServedWithoutATokenAsACollectionV21WithVariables() {
        var response = anonymous.get("/postman.json");

        assertThat(response.status()).isEqualTo(200);
        assertJsonUtf8(response);
        JsonNode collection = response.json();
        assertThat(collection.get("info").get("schema").asString())
                .isEqualTo("https://schema.getpostman.com/json/collection/v2.1.0/collection.json");
        assertThat(collection.get("info").get("name").asString()).isNotBlank();
        assertThat(variable(collection, "baseUrl")).isEqualTo("http://localhost:8080/v2.0");
        assertThat(variable(collection, "token")).isEmpty();
    }

    @Test
    void postmanHasOneRequestPerRouteInItsTagFolderAndNoOther() {
        JsonNode collection = anonymous.get("/postman.json").json();

        Set<String> listed = new TreeSet<>();
        for (JsonNode folder : collection.get("item")) {
            for (JsonNode item : folder.get("item")) {
                JsonNode request = item.get("request");
                String key = request.get("method").asString() + " " + path(request);
                assertThat(listed.add(key)).as(key + " listed once").isTrue();
                ApiRoute route = route(key);
                assertThat(folder.get("name").asString()).as(key).isEqualTo(route.endpoint().tag());
            }
        }
        assertThat(listed).isEqualTo(routeKeys());
    }

    @Test
    void postmanRequestsCarryTheTokenAndTheirParameters() {
        JsonNode collection = anonymous.get("/postman.json").json();

        for (JsonNode folder : collection.get("item")) {
            for (JsonNode item : folder.get("item")) {
                JsonNode request = item.get("request");
                String key = request.get("method").asString() + " " + path(request);
                ApiRoute route = route(key);
                JsonNode url = request.get("url");
                assertThat(url.get("host").get(0).asString()).isEqualTo("{{baseUrl}}");
                assertThat(url.get("raw").asString()).startsWith("{{baseUrl}}" + route.path());
                boolean sendsToken = false;
                for (JsonNode header : request.get("header")) {
                    if (header.get("key").asString().equals("Authorization")) {
                        sendsToken = header.get("value").asString().equals("Bearer {{token}}");
                    }
                }
                assertThat(sendsToken).as(key).isEqualTo(route.endpoint().access() != Access.PUBLIC);

                JsonNode fields = route.method().equals("GET") ? url.path("query")
                        : request.get("body").get(request.get("body").get("mode").asString());
                Param[] params = route.endpoint().params();
                List<String> keys = new ArrayList<>();
                fields.forEach(field -> keys.add(field.get("key").asString()));
                assertThat(keys).as(key).containsExactly(names(params));
                for (int i = 0; i < params.length; i++) {
                    JsonNode field = fields.get(i);
                    assertThat(field.path("disabled").asBoolean(false)).as(key + " " + params[i].name()).isEqualTo(!params[i].required());
                    assertThat(field.get("description").asString()).startsWith(params[i].required() ? "Required." : "Optional.");
                }
            }
        }
    }

    @Test
    void aHandlerUnderTheBasePathWithoutApiEndpointStopsTheRouteTable() throws Exception {
        var mapping = new RequestMappingHandlerMapping();
        register(mapping, "/v2.0/documented", RequestMethod.GET, "documented");
        register(mapping, "/elsewhere/undocumented", RequestMethod.GET, "undocumented");

        assertThat(new ApiRoutes(mapping).all()).extracting(route -> route.method() + " " + route.path())
                .containsExactly("GET /documented");

        register(mapping, "/v2.0/undocumented", RequestMethod.POST, "undocumented");
        assertThatThrownBy(() -> new ApiRoutes(mapping).all()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/v2.0/undocumented").hasMessageContaining("@ApiEndpoint");
    }

    @Test
    void aHandlerUnderTheBasePathWithoutAMethodStopsTheRouteTable() throws Exception {
        var mapping = new RequestMappingHandlerMapping();
        register(mapping, "/v2.0/any-method", null, "documented");

        assertThatThrownBy(() -> new ApiRoutes(mapping).all()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/v2.0/any-method");
    }

    @Test
    void aParameterOfUnknownTypeStopsTheDocument() throws Exception {
        var mapping = new RequestMappingHandlerMapping();
        register(mapping, "/v2.0/mistyped", RequestMethod.GET, "mistyped");

        assertThatThrownBy(() -> OpenApiDocument.build(new ApiRoutes(mapping).all())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("number");
    }

    /** Handlers for route tables built by hand. */
    static class Handlers {

        @ApiEndpoint(access = Access.READ, tag = "Test", summary = "Documented")
        void documented() {
        }

        void undocumented() {
        }

        @ApiEndpoint(access = Access.READ, tag = "Test", summary = "Mistyped", params = @Param(name = "n", type = "number"))
        void mistyped() {
        }
    }

    private static void register(RequestMappingHandlerMapping mapping, String path, RequestMethod method, String handler)
            throws NoSuchMethodException {
        var info = RequestMappingInfo.paths(path);
        if (method != null) {
            info.methods(method);
        }
        Method target = Handlers.class.getDeclaredMethod(handler);
        mapping.registerMapping(info.build(), new Handlers(), target);
    }

    private Set<String> routeKeys() {
        Set<String> keys = new TreeSet<>();
        routes.all().forEach(route -> keys.add(route.method() + " " + route.path()));
        return keys;
    }

    private ApiRoute route(String key) {
        return routes.all().stream().filter(route -> (route.method() + " " + route.path()).equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError(key + " is not a route of the server"));
    }

    private static String expectedScope(Access access) {
        return switch (access) {
            case PUBLIC -> "none";
            case READ -> "read";
            case WRITE -> "write";
            case ADMIN -> "admin";
            case PLATFORM -> "platform";
        };
    }

    private static String[] names(Param[] params) {
        return Arrays.stream(params).map(param -> param.type().equals("map") ? param.name() + "[<key>]" : param.name())
                .toArray(String[]::new);
    }

    private static JsonNode parameterNamed(JsonNode operation, String name) {
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.get("name").asString().equals(name)) {
                return parameter;
            }
        }
        throw new AssertionError("no parameter " + name + " in " + operation);
    }

    private static String path(JsonNode request) {
        List<String> segments = new ArrayList<>();
        request.get("url").get("path").forEach(segment -> segments.add(segment.asString()));
        return "/" + String.join("/", segments);
    }

    private static String variable(JsonNode collection, String key) {
        for (JsonNode variable : collection.get("variable")) {
            if (variable.get("key").asString().equals(key)) {
                return variable.get("value").asString();
            }
        }
        throw new AssertionError("no variable " + key);
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            for (var member : node.properties()) {
                if (member.getKey().equals("$ref")) {
                    refs.add(member.getValue().asString());
                } else {
                    collectRefs(member.getValue(), refs);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }

    private static void assertJsonUtf8(ApiResponse response) {
        MediaType type = MediaType.parseMediaType(response.header("Content-Type"));
        assertThat(type.isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
        assertThat(type.getCharset()).isEqualTo(java.nio.charset.StandardCharsets.UTF_8);
    }
}
