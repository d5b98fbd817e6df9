package dev.montage.openapi;

import java.net.URI;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OpenAPI document of {@code /v2}, kept by hand in {@code openapi/montage-v2.yaml}, and the way into Swagger UI.
 * Both are public: the document says nothing a Telnyx client could not read in Telnyx's own, and the page needs it
 * before anyone has typed a key into it.
 */
@RestController
class OpenApiController {

    static final String DOCUMENT_PATH = "/openapi.yaml";

    /** RFC 9512; browsers that do not know it offer to save the file, which is what a YAML document is for. */
    private static final String YAML = "application/yaml";

    private final Resource document = new ClassPathResource("openapi/montage-v2.yaml");

    /** Declared, so an {@code Accept} that excludes YAML gets the API's 406 rather than YAML regardless. */
    @GetMapping(path = DOCUMENT_PATH, produces = YAML)
    ResponseEntity<Resource> document() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(YAML)).body(document);
    }

    /** The UI is a folder of static files; its bare name leads to its page. */
    @GetMapping({SwaggerUiResources.PATH, SwaggerUiResources.PATH + "/"})
    ResponseEntity<Void> swaggerUi() {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(SwaggerUiResources.PATH + "/index.html"))
                .build();
    }
}
