package dev.montage.console;

import java.net.URI;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.montage.api.PublicBaseUrl;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The web console (docs/console.md): static files from {@code static/console/} in the jar, under {@code /console/},
 * public like Swagger UI (the page holds no data; it asks for a key and sends it to {@code /v2} itself). Every answer
 * under {@code /console} carries a strict Content-Security-Policy: scripts, styles and API calls from this origin
 * only, no inline script or style; pictures and media also from {@code blob:} (thumbnails and previews fetched with
 * the key) and, for media, from the origin of the signed {@code download_url}, which {@link PublicBaseUrl} may put
 * on another address than the one the browser typed ({@code 127.0.0.1} for {@code localhost}, or
 * {@code montage.public-url}).
 */
@Configuration(proxyBeanMethods = false)
class ConsoleResources implements WebMvcConfigurer {

    static final String PATH = "/console";

    private final PublicBaseUrl links;

    ConsoleResources(PublicBaseUrl links) {
        this.links = links;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(PATH + "/**").addResourceLocations("classpath:/static/console/");
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                response.setHeader("Content-Security-Policy", policy(origin(links.forCurrentRequest())));
                return true;
            }
        }).addPathPatterns(PATH, PATH + "/**");
    }

    static String policy(String downloadOrigin) {
        return "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                + "img-src 'self' blob: data:; media-src 'self' blob: " + downloadOrigin + "; "
                + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    /** {@code scheme://host[:port]} of a base URL, the form a CSP source takes. */
    static String origin(String baseUrl) {
        URI uri = URI.create(baseUrl);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
