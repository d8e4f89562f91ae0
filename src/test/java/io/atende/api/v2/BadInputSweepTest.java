package io.atende.api.v2;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.atende.operator.OperatorRole;
import io.atende.support.ApiClient;
import io.atende.support.ApiResponse;
import io.atende.support.ApiTest;
import io.atende.support.BrowserSession;
import io.atende.support.TestTenants;
import io.atende.support.TestTenants.Tenant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.MethodParameter;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every API operation and every console form, sent what careless or hostile clients send: control
 * characters in parameter names and values, numbers past the integer range and booleans that are
 * none. Each is the client's mistake: a 4xx answer, never a 5xx, and no stack trace in the log.
 */
@ApiTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "atende.platform-token=" + BadInputSweepTest.PLATFORM_TOKEN)
class BadInputSweepTest {

    static final String PLATFORM_TOKEN = "platform-token-for-the-bad-input-sweep-3c9e";

    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{[^}]+}");
    /** Values no parameter should choke on: control characters, overflowing numbers, a boolean that is none. */
    private static final List<String> BAD_VALUES = List.of("a\u0000b\u0001c\u001b[0m\u007f", "2147483648",
            "-99999999999999999999999", "abc", "1e309");
    private static final List<String> BAD_NAME_SUFFIXES = List.of("\u0000", "\u0001", "\u001f", "\u007f");

    @Autowired
    TestTenants tenants;
    @Autowired
    ApiRoutes routes;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    Tenant tenant;

    @BeforeEach
    void newAccount() {
        tenant = tenants.create();
    }

    @Test
    void noApiOperationAnswers5xxToBadParameterNamesOrValues(CapturedOutput output) {
        var platform = new ApiClient(tenants.port(), PLATFORM_TOKEN);
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (ApiRoute route : routes.all()) {
            if (route.path().endsWith("/stream")) {
                continue;  // a live stream answers 200 and stays open; its parameters are read by the same readers
            }
            var client = route.endpoint().access() == Access.PLATFORM ? platform : tenant.admin();
            String path = PATH_VARIABLE.matcher(route.path()).replaceAll("1");
            Set<String> names = new LinkedHashSet<>();
            for (var param : route.endpoint().params()) {
                names.add(param.name());
            }
            names.add("page");
            for (String[] params : badParameterSets(names)) {
                for (var response : send(client, route.method(), path, params)) {
                    sent++;
                    if (response.status() >= 500) {
                        failures.add(route.method() + " " + path + " " + printable(params) + " -> " + response.status() + " " + response.text());
                    }
                }
            }
        }
        assertThat(sent).isGreaterThan(500);
        assertThat(failures).isEmpty();
        assertThat(output.getAll()).doesNotContain("Unexpected failure").doesNotContain("Servlet.service()");
    }

    @Test
    void noConsoleFormAnswers5xxToBadParameterNamesOrValues(CapturedOutput output) {
        BrowserSession admin = tenants.signedIn(tenant.accountId(), OperatorRole.ADMIN).session();
        admin.get("/console");
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            var handler = mapping.getValue();
            for (String pattern : mapping.getKey().getPatternValues()) {
                // Live streams answer for minutes by design; they are tested on their own.
                boolean stream = mapping.getKey().getProducesCondition().getProducibleMediaTypes().stream()
                        .anyMatch(type -> type.isCompatibleWith(org.springframework.http.MediaType.TEXT_EVENT_STREAM));
                if (!pattern.startsWith("/console") || stream || pattern.equals("/console/sign-in")) {
                    continue;
                }
                String path = PATH_VARIABLE.matcher(pattern).replaceAll("1");
                var methods = mapping.getKey().getMethodsCondition().getMethods();
                for (String[] params : badParameterSets(parameterNames(handler))) {
                    for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                        List<BrowserSession.Page> pages = new ArrayList<>();
                        if (method == RequestMethod.GET) {
                            pages.add(admin.get(path + query(params)));
                        } else {
                            // The session's CSRF token, carried by the last page that had one.
                            pages.add(admin.post(path, params));
                            pages.add(admin.postMultipart(path, List.of(), params));
                        }
                        for (var page : pages) {
                            sent++;
                            if (page.status() == 403 && !path.equals("/console/forbidden")) {
                                // Every form carries the session's CSRF token and the operator is an admin: a refusal would mean
                                // the request never reached the handler the sweep is about.
                                failures.add(method + " " + path + " " + printable(params) + " -> 403");
                            }
                            if (page.status() >= 500) {
                                failures.add(method + " " + path + " " + printable(params) + " -> " + page.status() + " " + page.body());
                            }
                        }
                    }
                }
            }
        }
        assertThat(sent).isGreaterThan(200);
        assertThat(failures).isEmpty();
        assertThat(output.getAll()).doesNotContain("Unexpected failure").doesNotContain("Servlet.service()");
    }

    /** The names a handler reads: its request parameters and the components of the forms it binds. */
    private static Set<String> parameterNames(HandlerMethod handler) {
        Set<String> names = new LinkedHashSet<>(List.of("page", "active", "id"));
        for (MethodParameter parameter : handler.getMethodParameters()) {
            var requestParam = parameter.getParameterAnnotation(RequestParam.class);
            if (requestParam != null && !requestParam.name().isEmpty()) {
                names.add(requestParam.name());
            }
            Class<?> type = parameter.getParameterType();
            if (type.isRecord() && (parameter.hasParameterAnnotation(ModelAttribute.class) || !type.getName().startsWith("java"))) {
                for (RecordComponent component : type.getRecordComponents()) {
                    names.add(component.getName());
                }
            }
        }
        return names;
    }

    /** For the names: each with a control character in it, then every name set to each bad value. */
    private static List<String[]> badParameterSets(Set<String> names) {
        List<String[]> sets = new ArrayList<>();
        for (String suffix : BAD_NAME_SUFFIXES) {
            List<String> params = new ArrayList<>();
            for (String name : names) {
                params.add(name + suffix);
                params.add("1");
            }
            params.add("x" + suffix + "y");
            params.add("1");
            sets.add(params.toArray(String[]::new));
        }
        for (String value : BAD_VALUES) {
            List<String> params = new ArrayList<>();
            for (String name : names) {
                params.add(name);
                params.add(value);
            }
            sets.add(params.toArray(String[]::new));
        }
        return sets;
    }

    private static List<ApiResponse> send(ApiClient client, String method, String path, String[] params) {
        return switch (method) {
            case "GET" -> List.of(client.get(path, params));
            case "POST" -> List.of(client.post(path, params), client.postMultipart(path, List.of(), params));
            default -> List.of(client.method(method, path + query(params)));
        };
    }

    private static String query(String... params) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < params.length; i += 2) {
            pairs.add(java.net.URLEncoder.encode(params[i], java.nio.charset.StandardCharsets.UTF_8) + "="
                    + java.net.URLEncoder.encode(params[i + 1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    private static String printable(String[] params) {
        return String.join(",", params).codePoints()
                .mapToObj(c -> Character.isISOControl(c) ? String.format("\\u%04x", c) : Character.toString(c))
                .reduce("", String::concat);
    }
}
