package io.atende.api.v2;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.atende.account.Caller;
import io.atende.platform.Inputs;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.WebUtils;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hands handler methods their {@link ApiParams} (from the query string and a form, multipart or
 * flat JSON body) and the authenticated {@link Caller}.
 */
@Component
class ApiRequestReader implements HandlerMethodArgumentResolver {

    static final String CALLER_ATTRIBUTE = Caller.class.getName();
    private static final long MAX_JSON_BYTES = 25L * 1024 * 1024;
    private static final int MAX_FILES = 25;

    private final JsonMapper json;

    ApiRequestReader(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ApiParams.class || parameter.getParameterType() == Caller.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest webRequest,
                                  WebDataBinderFactory binderFactory) throws IOException {
        var request = webRequest.getNativeRequest(HttpServletRequest.class);
        if (parameter.getParameterType() == Caller.class) {
            return request.getAttribute(CALLER_ATTRIBUTE);
        }
        return read(request);
    }

    ApiParams read(HttpServletRequest request) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String[]> parameters;
        try {
            parameters = request.getParameterMap();
        } catch (InvalidParameterException unreadable) {
            // Tomcat refuses a form over its maxPostSize (413) or one it cannot decode (400).
            if (unreadable.getErrorCode() == HttpStatus.CONTENT_TOO_LARGE.value()) {
                throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "request.too_large");
            }
            throw new ApiException(HttpStatus.BAD_REQUEST, "request.malformed_form");
        }
        parameters.forEach((name, given) -> {
            if (given.length > 0) {
                values.put(name, given[0]);
            }
        });
        if (isJson(request.getContentType())) {
            readJson(request.getInputStream(), values);
        }
        Map<String, MultipartFile> files = new LinkedHashMap<>();
        var multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
        if (multipart != null) {
            var parts = multipart.getMultiFileMap();
            int count = parts.values().stream().mapToInt(java.util.List::size).sum();
            if (count > MAX_FILES) {
                throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "request.too_large");
            }
            parts.forEach((name, given) -> {
                if (!given.isEmpty()) {
                    files.put(name, given.get(0));
                }
            });
        }
        return new ApiParams(values, files);
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private void readJson(InputStream body, Map<String, String> values) throws IOException {
        byte[] bytes = body.readNBytes((int) MAX_JSON_BYTES + 1);
        if (bytes.length > MAX_JSON_BYTES) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "request.too_large");
        }
        if (bytes.length == 0) {
            return;
        }
        JsonNode root;
        try {
            root = json.readTree(bytes);
        } catch (JacksonException malformed) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "request.malformed_json");
        }
        if (root == null || !root.isObject()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "request.json_not_object");
        }
        for (var member : root.properties()) {
            flatten(member.getKey(), member.getValue(), values, 0);
        }
    }

    // Flat objects, with one level of arrays or objects standing for TomTicket's bracket keys; an array of objects stays JSON text.
    private static void flatten(String name, JsonNode value, Map<String, String> values, int depth) {
        if (value.isNull()) {
            return;
        }
        if (value.isValueNode()) {
            String text = value.asString();
            // The same rule the firewall applies to form and query parameters.
            if (!Inputs.hasNoControlCharacters(name) || !Inputs.hasNoControlCharacters(text)) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "request.rejected_characters");
            }
            values.put(name, text);
            return;
        }
        if (depth > 0) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "request.json_too_deep", name);
        }
        if (value.isArray() && !value.isEmpty() && value.valueStream().allMatch(JsonNode::isObject)) {
            // An array of objects (a macro's actions) is a value in its own right: its JSON text, as a form would send it.
            values.put(name, value.toString());
            return;
        }
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                flatten(name + "[" + i + "]", value.get(i), values, depth + 1);
            }
        } else {
            for (var member : value.properties()) {
                flatten(name + "[" + member.getKey() + "]", member.getValue(), values, depth + 1);
            }
        }
    }
}
