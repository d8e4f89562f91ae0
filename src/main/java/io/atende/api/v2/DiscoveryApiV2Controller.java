package io.atende.api.v2;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

/** The API's own descriptions, generated from the route table so that they cannot drift from it. */
@RestController
@RequestMapping(ApiRoutes.BASE_PATH)
class DiscoveryApiV2Controller {

    private final OpenApiDocument openApi;
    private final PostmanCollection postman;

    DiscoveryApiV2Controller(OpenApiDocument openApi, PostmanCollection postman) {
        this.openApi = openApi;
        this.postman = postman;
    }

    @GetMapping("/openapi.json")
    @ApiEndpoint(access = Access.PUBLIC, tag = "Discovery", extension = true,
            summary = "OpenAPI 3.1 description of every endpoint of this server")
    ResponseEntity<JsonNode> openApi() {
        return ResponseEntity.ok().contentType(ApiJson.MEDIA_TYPE).body(openApi.document());
    }

    @GetMapping("/postman.json")
    @ApiEndpoint(access = Access.PUBLIC, tag = "Discovery", extension = true,
            summary = "Postman Collection v2.1 of every endpoint of this server, with {{baseUrl}} and {{token}} variables")
    ResponseEntity<JsonNode> postman() {
        return ResponseEntity.ok().contentType(ApiJson.MEDIA_TYPE).body(postman.collection());
    }
}
