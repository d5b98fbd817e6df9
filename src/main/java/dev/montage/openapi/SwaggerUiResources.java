package dev.montage.openapi;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.webjars.WebJarVersionLocator;

/**
 * Swagger UI under {@code /swagger-ui/}, every asset from the {@code org.webjars:swagger-ui} jar, so the page works
 * on a machine with no internet access. Only this folder is mapped: static resources stay off elsewhere
 * ({@code spring.web.resources.add-mappings=false}), so nothing else on the classpath is served by accident.
 * {@code openapi/swagger-ui/} comes first and replaces the jar's {@code swagger-initializer.js}, which would load
 * the Petstore example from the internet.
 */
@Configuration(proxyBeanMethods = false)
class SwaggerUiResources implements WebMvcConfigurer {

    static final String PATH = "/swagger-ui";

    private static final String WEBJAR = "swagger-ui";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(PATH + "/**")
                .addResourceLocations("classpath:/openapi/swagger-ui/", webjarFolder());
    }

    /** The jar's folder carries its version; the locator reads it from the jar, so an upgrade needs no edit here. */
    private static String webjarFolder() {
        String version = new WebJarVersionLocator().version(WEBJAR);
        if (version == null) {
            throw new IllegalStateException("the org.webjars:swagger-ui jar is missing from the classpath");
        }
        return "classpath:/META-INF/resources/webjars/" + WEBJAR + "/" + version + "/";
    }
}
