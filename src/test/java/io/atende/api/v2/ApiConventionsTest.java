package io.atende.api.v2;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;

import io.atende.support.ApiClient;
import io.atende.support.ApiClient.FilePart;
import io.atende.support.ApiResponse;
import io.atende.support.ApiTest;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conventions every endpoint shares (docs/api.md, Conventions): the envelope and its content type, the
 * status codes the pipeline itself decides, body binding, languages, paging, sizes, correlation
 * ids, and the operational endpoints. The department and operator endpoints are the subjects;
 * a few test-only endpoints (this class's own server) provoke what no real endpoint should do.
 */
@ApiTest
@Import(ApiConventionsTest.TestOnlyEndpoints.class)
class ApiConventionsTest {


    @Autowired
    TestTenants tenants;

    Tenant tenant;

    @BeforeEach
    void newAccount() {
        tenant = tenants.create();
    }

    // --- envelope and content type -------------------------------------------------------------

    @Test
    void successIsAnEnvelopeInJsonUtf8() {
        var created = tenant.admin().post("/department/new", "name", "Suporte");
        var listed = tenant.reader().get("/department/list");

        for (var response : List.of(created, listed)) {
            assertThat(response.status()).isEqualTo(200);
            assertJsonUtf8(response);
            assertThat(response.json().get("error").asBoolean()).isFalse();
            assertThat(response.json().get("success").asBoolean()).isTrue();
            assertThat(response.json().get("message").isString()).isTrue();
            assertThat(response.json().has("data")).isTrue();
        }
    }

    @Test
    void failureIsAnEnvelopeInJsonUtf8() {
        var missing = tenant.admin().post("/department/new");

        assertThat(missing.status()).isEqualTo(400);
        assertFailureEnvelope(missing);
        assertThat(missing.message()).isEqualTo("Parameter \"name\" is required.");
    }

    @Test
    void aCallerThatDoesNotAcceptJsonStillGetsTheJsonEnvelope() {
        var xml = tenant.reader().withHeader("Accept", "application/xml").get("/department/list");
        var html = tenant.reader().withHeader("Accept", "text/html").get("/nowhere");
        var failureXml = tenant.admin().withHeader("Accept", "application/xml").post("/department/new");

        assertThat(xml.status()).isEqualTo(200);
        assertJsonUtf8(xml);
        assertThat(html.status()).isEqualTo(404);
        assertFailureEnvelope(html);
        assertThat(failureXml.status()).isEqualTo(400);
        assertFailureEnvelope(failureXml);
    }

    // --- status codes decided by the pipeline --------------------------------------------------

    @Test
    void unknownPathIs404WithOrWithoutToken() {
        for (var client : List.of(tenant.anonymous(), tenant.admin())) {
            var get = client.get("/ticket/nowhere");
            var post = client.post("/nowhere/at/all", "name", "x");

            assertThat(get.status()).isEqualTo(404);
            assertFailureEnvelope(get);
            assertThat(get.message()).contains("/v2.0/ticket/nowhere");
            assertThat(post.status()).isEqualTo(404);
            assertFailureEnvelope(post);
        }
    }

    @Test
    void wrongMethodOnAKnownPathIs405WithAllow() {
        var postOnRead = tenant.admin().post("/department/list");
        var getOnWrite = tenant.admin().get("/department/new", "name", "X");
        var delete = tenant.anonymous().method("DELETE", "/operator/list");

        assertThat(postOnRead.status()).isEqualTo(405);
        assertThat(postOnRead.header("Allow")).isEqualTo("GET");
        assertFailureEnvelope(postOnRead);
        assertThat(getOnWrite.status()).isEqualTo(405);
        assertThat(getOnWrite.header("Allow")).isEqualTo("POST");
        assertFailureEnvelope(getOnWrite);
        assertThat(delete.status()).isEqualTo(405);
        assertFailureEnvelope(delete);
        assertThat(tenant.reader().get("/department/list").json().get("size").asInt()).isZero();
    }

    @Test
    void unsupportedContentTypeIs415AndChangesNothing() {
        for (String type : List.of("text/plain", "application/xml", "text/csv; charset=utf-8")) {
            var refused = tenant.admin().postRaw("/department/new", type, "name=Suporte");

            assertThat(refused.status()).as(type).isEqualTo(415);
            assertFailureEnvelope(refused);
            assertThat(refused.message()).contains("multipart/form-data");
        }
        assertThat(tenant.reader().get("/department/list").json().get("size").asInt()).isZero();
    }

    @Test
    void unexpectedFailureIs500WithTheCorrelationIdAndNoStackTrace() {
        var failed = tenant.reader().get("/test-only/boom");

        assertThat(failed.status()).isEqualTo(500);
        assertFailureEnvelope(failed);
        String correlationId = failed.header("X-Request-Id");
        assertThat(correlationId).isNotBlank();
        assertThat(failed.json().get("correlation_id").asString()).isEqualTo(correlationId);
        assertThat(failed.message()).contains(correlationId);
        assertThat(failed.text()).doesNotContain("IllegalStateException", "secret detail", "at io.atende", "trace");
    }

    @Test
    void aFailureAnsweredByTheContainerIsAlsoAnEnvelopeWithTheCorrelationId() {
        var failed = tenant.reader().withHeader("X-Request-Id", "container-failure-1").get("/test-only/container-error");

        assertThat(failed.status()).isEqualTo(500);
        assertFailureEnvelope(failed);
        assertThat(failed.header("X-Request-Id")).isEqualTo("container-failure-1");
        assertThat(failed.json().get("correlation_id").asString()).isEqualTo("container-failure-1");
    }

    @Test
    void springsOwnRefusalsAreEnvelopes() {
        var noBoundary = tenant.admin().postRaw("/department/new", "multipart/form-data", "name=Suporte");
        var brokenBody = tenant.admin().postRaw("/department/new", "multipart/form-data; boundary=xyz",
                "--xyz\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nSuporte");

        assertThat(noBoundary.status()).isEqualTo(400);
        assertFailureEnvelope(noBoundary);
        assertThat(noBoundary.message()).isEqualTo("The multipart body could not be read.");
        assertThat(brokenBody.status()).isEqualTo(400);
        assertFailureEnvelope(brokenBody);
        var firewalled = tenant.reader().get("/department/list;jsessionid=abc");
        assertThat(firewalled.status()).as(firewalled.toString()).isEqualTo(400);
        assertFailureEnvelope(firewalled);
        assertThat(tenant.reader().get("/department/list").json().get("size").asInt()).isZero();
    }

    @Test
    void aFormBodyThatCannotBeDecodedIs400() {
        var broken = tenant.admin().postRaw("/department/new", "application/x-www-form-urlencoded", "name=Suporte&bad=%zz");

        assertThat(broken.status()).as(broken.toString()).isEqualTo(400);
        assertFailureEnvelope(broken);
        assertThat(broken.message()).isEqualTo("The form body could not be read.");
        assertThat(tenant.reader().get("/department/list").json().get("size").asInt()).isZero();
    }

    @Test
    void theErrorPathReachedDirectlyIsAnEnvelope() {
        var direct = tenant.anonymous().get(root() + "/error");
        var posted = tenant.admin().postRaw(root() + "/error", "application/x-www-form-urlencoded", "a=b");

        assertThat(direct.status()).isEqualTo(404);
        assertFailureEnvelope(direct);
        assertThat(posted.status()).isEqualTo(404);
        assertFailureEnvelope(posted);
    }

    // --- binding -------------------------------------------------------------------------------

    @Test
    void theSameCreationWorksAsFormMultipartJsonAndQueryString() {
        var form = tenant.admin().post("/operator/new", "name", "Form", "email", "form@example.com", "active", "0");
        var multipart = tenant.admin().postMultipart("/operator/new", List.of(), "name", "Multipart", "email",
                "multipart@example.com", "active", "0");
        var json = tenant.admin().postJson("/operator/new", Map.of("name", "Json", "email", "json@example.com", "active", 0));
        var query = tenant.admin().postRaw("/operator/new?name=Query&email=query%40example.com&active=0", null, "");

        for (var created : List.of(form, multipart, json, query)) {
            assertThat(created.status()).as(created.text()).isEqualTo(200);
            assertThat(created.data().get("active").asBoolean()).isFalse();
        }
        assertThat(json.data().get("email").asString()).isEqualTo("json@example.com");
        assertThat(query.data().get("name").asString()).isEqualTo("Query");
        var listed = tenant.reader().get("/operator/list");
        assertThat(listed.json().get("size").asInt()).isEqualTo(4);
    }

    @Test
    void jsonBooleansNumbersAndNullsBindLikeFormValues() {
        var created = tenant.admin().postJson("/operator/new", new LinkedHashMap<>(Map.of("name", "Ana", "email", "ana@example.com",
                "active", false)));
        var withNull = new LinkedHashMap<String, Object>();
        withNull.put("name", null);
        var missingName = tenant.admin().postJson("/department/new", withNull);

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.data().get("active").asBoolean()).isFalse();
        assertThat(missingName.status()).isEqualTo(400);
        assertThat(missingName.message()).contains("\"name\"");
    }

    @Test
    void bracketKeysBecomeMapsFromAFormAMultipartBodyAndJson() {
        var form = tenant.writer().post("/test-only/echo", "custom_field[abc]", "1", "custom_field[def]", "dois", "subject", "S");
        var multipart = tenant.writer().postMultipart("/test-only/echo", List.of(), "custom_field[abc]", "1",
                "custom_field[def]", "dois");
        var jsonObject = tenant.writer().postJson("/test-only/echo", Map.of("custom_field", Map.of("abc", 1, "def", "dois")));
        var jsonArray = tenant.writer().postJson("/test-only/echo", Map.of("attachment", List.of("a", "b")));

        for (var echoed : List.of(form, multipart, jsonObject)) {
            assertThat(echoed.status()).as(echoed.text()).isEqualTo(200);
            assertThat(echoed.data().get("custom_field").get("abc").asString()).isEqualTo("1");
            assertThat(echoed.data().get("custom_field").get("def").asString()).isEqualTo("dois");
        }
        assertThat(form.data().get("values").get("subject").asString()).isEqualTo("S");
        assertThat(jsonArray.data().get("attachment").get("0").asString()).isEqualTo("a");
        assertThat(jsonArray.data().get("attachment").get("1").asString()).isEqualTo("b");
    }

    @Test
    void malformedJsonIs400() {
        var broken = tenant.admin().postRaw("/department/new", "application/json", "{\"name\": ");

        assertThat(broken.status()).isEqualTo(400);
        assertFailureEnvelope(broken);
        assertThat(broken.message()).isEqualTo("The JSON body could not be read.");
    }

    @Test
    void aJsonRootThatIsNotAnObjectIs400() {
        for (String body : List.of("[{\"name\": \"Suporte\"}]", "\"Suporte\"", "42")) {
            var refused = tenant.admin().postRaw("/department/new", "application/json", body);

            assertThat(refused.status()).as(body).isEqualTo(400);
            assertFailureEnvelope(refused);
        }
        assertThat(tenant.reader().get("/department/list").json().get("size").asInt()).isZero();
    }

    @Test
    void jsonNestedMoreThanOneLevelIs400() {
        var deep = tenant.admin().postRaw("/department/new", "application/json",
                "{\"name\": \"Suporte\", \"custom_field\": {\"a\": {\"b\": 1}}}");
        var deepArray = tenant.admin().postRaw("/department/new", "application/json", "{\"name\": \"Suporte\", \"x\": [[1]]}");

        assertThat(deep.status()).isEqualTo(400);
        assertThat(deep.message()).contains("custom_field[a]");
        assertThat(deepArray.status()).isEqualTo(400);
        assertThat(tenant.reader().get("/department/list").json().get("size").asInt()).isZero();
    }

    @Test
    void jsonWithACharsetAndAnEmptyJsonBodyAreAccepted() {
        var withCharset = tenant.admin().postRaw("/department/new?name=Vendas", "application/json; charset=utf-8", "");
        var utf8 = tenant.admin().postRaw("/department/new", "application/json;charset=UTF-8", "{\"name\": \"Atenção\"}");

        assertThat(withCharset.status()).as(withCharset.text()).isEqualTo(200);
        assertThat(utf8.status()).isEqualTo(200);
        assertThat(utf8.data().get("name").asString()).isEqualTo("Atenção");
    }

    // --- languages -----------------------------------------------------------------------------

    @Test
    void messagesFollowAcceptLanguageWithEnglishByDefault() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("en", "Parameter \"name\" is required.");
        expected.put("en-US", "Parameter \"name\" is required.");
        expected.put("pt-BR", "O parâmetro \"name\" é obrigatório.");
        expected.put("pt", "O parâmetro \"name\" é obrigatório.");
        expected.put("pt-PT", "O parâmetro \"name\" é obrigatório.");
        expected.put("es", "El parámetro \"name\" es obligatorio.");
        expected.put("es-ES", "El parámetro \"name\" es obligatorio.");
        expected.put("fr-FR", "Parameter \"name\" is required.");
        expected.put("de;q=1.0, es;q=0.5", "El parámetro \"name\" es obligatorio.");
        expected.put("pt-BR,pt;q=0.9,en-US;q=0.8,en;q=0.7", "O parâmetro \"name\" é obrigatório.");

        assertThat(tenant.admin().post("/department/new").message()).isEqualTo("Parameter \"name\" is required.");
        expected.forEach((language, message) -> assertThat(
                tenant.admin().withHeader("Accept-Language", language).post("/department/new").message())
                .as(language).isEqualTo(message));
    }

    @Test
    void pipelineRefusalsAreTranslatedToo() {
        var unknown = tenant.admin().withHeader("Accept-Language", "pt-BR").get("/nowhere");
        var noToken = tenant.anonymous().withHeader("Accept-Language", "es").get("/department/list");

        assertThat(unknown.message()).isEqualTo("Endpoint desconhecido: /v2.0/nowhere.");
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.message()).doesNotContain("Missing, unknown");
    }

    // --- pagination via /operator/list ----------------------------------------------------

    @Test
    void listsPageBy50WithStableOrderAndPagingMembers() {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 51; i++) {
            // Equal names: the order must still be total (ties broken by id).
            created.add(tenant.admin().post("/operator/new", "name", "Operator", "email", "op" + i + "@example.com").id());
        }

        var first = tenant.reader().get("/operator/list");
        var again = tenant.reader().get("/operator/list", "page", "1");
        var second = tenant.reader().get("/operator/list", "page", "2");

        assertThat(first.data().size()).isEqualTo(50);
        assertThat(first.json().get("size").asInt()).isEqualTo(51);
        assertThat(first.json().get("size").isNumber()).isTrue();
        assertThat(first.json().get("pages").asInt()).isEqualTo(2);
        assertThat(first.json().get("current_page").asInt()).isEqualTo(1);
        assertThat(first.json().get("next_page").asInt()).isEqualTo(2);
        assertThat(first.json().get("previous_page").isNull()).isTrue();
        assertThat(again.data()).isEqualTo(first.data());
        assertThat(second.data().size()).isEqualTo(1);
        assertThat(second.json().get("current_page").asInt()).isEqualTo(2);
        assertThat(second.json().get("next_page").isNull()).isTrue();
        assertThat(second.json().get("previous_page").asInt()).isEqualTo(1);
        List<String> seen = new ArrayList<>();
        first.data().forEach(item -> seen.add(item.get("id").asString()));
        second.data().forEach(item -> seen.add(item.get("id").asString()));
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(created);

        var past = tenant.reader().get("/operator/list", "page", "3");
        assertThat(past.status()).isEqualTo(404);
        assertFailureEnvelope(past);
    }

    @Test
    void aPageThatIsNotAPositiveIntegerIs400() {
        for (String page : List.of("0", "-1", "abc", "1.5", "99999999999")) {
            var refused = tenant.reader().get("/operator/list", "page", page);

            assertThat(refused.status()).as(page).isEqualTo(400);
            assertFailureEnvelope(refused);
            assertThat(refused.message()).as(page).contains("\"page\"");
        }
    }

    @Test
    void noMatchesIsAnEmptyFirstPage() {
        var empty = tenant.reader().get("/operator/list");

        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().get("size").asInt()).isZero();
        assertThat(empty.json().get("pages").asInt()).isZero();
        assertThat(empty.json().get("current_page").asInt()).isEqualTo(1);
        assertThat(empty.json().get("next_page").isNull()).isTrue();
        assertThat(empty.json().get("previous_page").isNull()).isTrue();
        assertThat(empty.data().isArray()).isTrue();
        assertThat(empty.data().isEmpty()).isTrue();
    }

    // --- request size -------------------------------------------------------------------------

    @Test
    void aMultipartBodyOver25MegabytesIs413AndChangesNothing() {
        var response = streamMultipart("/department/new", 26L * 1024 * 1024);

        assertThat(response.status()).isEqualTo(413);
        assertFailureEnvelope(response);
        assertThat(response.message()).isEqualTo("Request too large: at most 25 attachments and 25 MB per request.");
        assertThat(tenant.reader().get("/department/list").json().get("size").asInt()).isZero();
    }

    @Test
    void aFileJustUnderTheLimitIsRead() {
        var created = tenant.admin().postMultipart("/department/new",
                List.of(new FilePart("attachment[0]", "small.bin", "application/octet-stream", new byte[1024 * 1024])),
                "name", "Suporte");

        assertThat(created.status()).as(created.text()).isEqualTo(200);
    }

    @Test
    void aJsonBodyOver25MegabytesIs413() {
        byte[] body = new byte[25 * 1024 * 1024 + 64];
        java.util.Arrays.fill(body, (byte) ' ');
        byte[] start = "{\"name\": \"Suporte\"}".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(start, 0, body, 0, start.length);

        var response = ApiClient.send(HttpRequest.newBuilder(URI.create(tenant.admin().baseUrl() + "/department/new"))
                .header("Authorization", "Bearer " + tenant.admin().token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertThat(response.status()).isEqualTo(413);
        assertFailureEnvelope(response);
        assertThat(tenant.reader().get("/department/list").json().get("size").asInt()).isZero();
    }

    @Test
    void aUrlEncodedBodyOver25MegabytesIs413() {
        byte[] body = new byte[25 * 1024 * 1024 + 64];
        java.util.Arrays.fill(body, (byte) 'x');
        byte[] start = "name=Suporte&filler=".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(start, 0, body, 0, start.length);

        var response = ApiClient.send(HttpRequest.newBuilder(URI.create(tenant.admin().baseUrl() + "/department/new"))
                .header("Authorization", "Bearer " + tenant.admin().token())
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertThat(response.status()).as(response.toString()).isEqualTo(413);
        assertFailureEnvelope(response);
        assertThat(tenant.reader().get("/department/list").json().get("size").asInt()).isZero();
    }

    // --- correlation id ------------------------------------------------------------------------

    @Test
    void everyResponseCarriesARequestId() {
        List<ApiResponse> responses = List.of(tenant.reader().get("/department/list"), tenant.anonymous().get("/department/list"),
                tenant.admin().get("/nowhere"), tenant.admin().post("/department/new"), tenant.anonymous().get("/openapi.json"),
                tenant.anonymous().get(root() + "/actuator/health"));

        Set<String> ids = new HashSet<>();
        for (var response : responses) {
            assertThat(response.header("X-Request-Id")).as(response.toString()).matches("[0-9a-f]{32}");
            ids.add(response.header("X-Request-Id"));
        }
        assertThat(ids).hasSize(responses.size());
    }

    @Test
    void aSaneCallerRequestIdIsEchoedAndAnInsaneOneReplaced() {
        var sane = tenant.reader().withHeader("X-Request-Id", "client-req_0001.a").get("/department/list");
        var onFailure = tenant.admin().withHeader("X-Request-Id", "client-req-0002").post("/department/new");
        var tooShort = tenant.reader().withHeader("X-Request-Id", "abc").get("/department/list");
        var injected = tenant.reader().withHeader("X-Request-Id", "evil id with spaces").get("/department/list");
        var tooLong = tenant.reader().withHeader("X-Request-Id", "x".repeat(65)).get("/department/list");

        assertThat(sane.header("X-Request-Id")).isEqualTo("client-req_0001.a");
        assertThat(onFailure.header("X-Request-Id")).isEqualTo("client-req-0002");
        for (var replaced : List.of(tooShort, injected, tooLong)) {
            assertThat(replaced.header("X-Request-Id")).matches("[0-9a-f]{32}");
        }
    }

    // --- operations ----------------------------------------------------------------------------

    @Test
    void healthIsUpWithTheDatabaseAndNeedsNoToken() {
        var health = tenant.anonymous().get(root() + "/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        assertThat(health.json().get("components").get("db").get("status").asString()).isEqualTo("UP");
        assertThat(health.text()).doesNotContain("password", "jdbc:");
    }

    @Test
    void prometheusServesJvmMetricsAsTextWithoutAToken() {
        var metrics = tenant.anonymous().get(root() + "/actuator/prometheus");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).startsWith("text/plain");
        assertThat(metrics.text()).contains("jvm_memory_used_bytes", "http_server_requests_seconds");
    }

    @Test
    void prometheusServesEveryBackgroundWorkersRunsFailuresAndBatchTimes() {
        var metrics = tenant.anonymous().get(root() + "/actuator/prometheus").text();

        for (String worker : List.of("mail-dispatcher", "mail-poller", "webhook-dispatcher", "chat-streams")) {
            assertThat(metrics).as(worker).contains(
                    "atende_worker_runs_total{worker=\"" + worker + "\"}",
                    "atende_worker_items_total{worker=\"" + worker + "\"}",
                    "atende_worker_failures_total{kind=\"database-outage\",worker=\"" + worker + "\"}",
                    "atende_worker_failures_total{kind=\"error\",worker=\"" + worker + "\"}",
                    "atende_worker_failures_in_a_row{worker=\"" + worker + "\"}",
                    "atende_worker_batch_duration_seconds_count{worker=\"" + worker + "\"}");
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    private String root() {
        return "http://localhost:" + tenants.port();
    }

    private static void assertJsonUtf8(ApiResponse response) {
        String header = response.header("Content-Type");
        assertThat(header).as("Content-Type of " + response).isNotNull();
        MediaType type = MediaType.parseMediaType(header);
        assertThat(type.getType() + "/" + type.getSubtype()).as(header).isEqualTo("application/json");
        assertThat(type.getCharset()).as(header).isEqualTo(StandardCharsets.UTF_8);
    }

    private static void assertFailureEnvelope(ApiResponse response) {
        assertJsonUtf8(response);
        JsonNode body = response.json();
        assertThat(body.get("error").asBoolean()).as(response.toString()).isTrue();
        assertThat(body.get("success").asBoolean()).as(response.toString()).isFalse();
        assertThat(body.get("message").asString()).as(response.toString()).isNotBlank();
    }

    /** A multipart body of about {@code size} bytes, generated while it is sent rather than held in memory. */
    private ApiResponse streamMultipart(String path, long size) {
        String boundary = "atende-big-body";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nSuporte\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"attachment[0]\"; filename=\"big.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        var publisher = HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(
                new SequenceInputStream(new java.io.ByteArrayInputStream(head), zeros(size)), new java.io.ByteArrayInputStream(tail)));
        return ApiClient.send(HttpRequest.newBuilder(URI.create(tenant.admin().baseUrl() + path))
                .header("Authorization", "Bearer " + tenant.admin().token())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(publisher));
    }

    private static InputStream zeros(long size) {
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                if (left <= 0) {
                    return -1;
                }
                left--;
                return 0;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left <= 0) {
                    return -1;
                }
                int count = (int) Math.min(length, left);
                java.util.Arrays.fill(buffer, offset, offset + count, (byte) 'x');
                left -= count;
                return count;
            }
        };
    }

    /** Endpoints that exist only in this class's server, to provoke what real endpoints must not do. */
    @TestConfiguration(proxyBeanMethods = false)
    @Import(TestOnlyController.class)
    static class TestOnlyEndpoints {
    }

    @RestController
    @RequestMapping(ApiRoutes.BASE_PATH + "/test-only")
    static class TestOnlyController {

        @GetMapping("/boom")
        @ApiEndpoint(access = Access.READ, tag = "Test only", summary = "Fails with an unexpected exception")
        Map<String, Object> boom() {
            throw new IllegalStateException("secret detail that must not leak");
        }

        @GetMapping("/container-error")
        @ApiEndpoint(access = Access.READ, tag = "Test only", summary = "Leaves the failure to the servlet container")
        void containerError(HttpServletResponse response) throws IOException {
            response.sendError(500);
        }

        @PostMapping("/echo")
        @ApiEndpoint(access = Access.WRITE, tag = "Test only", summary = "Echoes the parameters as the pipeline read them")
        Map<String, Object> echo(ApiParams params) {
            Map<String, Object> values = new LinkedHashMap<>();
            params.names().forEach(name -> values.put(name, params.raw(name)));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("values", values);
            data.put("custom_field", params.map("custom_field"));
            data.put("attachment", params.map("attachment"));
            return Envelope.ok("ok", data);
        }
    }
}
