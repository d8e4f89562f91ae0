package io.atende.api.v2;

/** One served endpoint: method, path under {@code /v2.0}, and its description. */
record ApiRoute(String method, String path, ApiEndpoint endpoint) {

    String fullPath() {
        return ApiRoutes.BASE_PATH + path;
    }
}
