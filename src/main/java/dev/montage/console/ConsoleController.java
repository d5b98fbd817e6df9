package dev.montage.console;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's page at its bare name and with a slash: the page links its files by absolute paths, so both
 * addresses work without a redirect; the router lives in the fragment ({@code #/sessions}).
 */
@RestController
class ConsoleController {

    private final Resource page = new ClassPathResource("static/console/index.html");

    @GetMapping({ConsoleResources.PATH, ConsoleResources.PATH + "/"})
    ResponseEntity<Resource> page() {
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noCache()).body(page);
    }
}
