package dev.montage.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The web console (docs/console.md): static files from {@code static/console/} in the jar, under {@code /console/},
 * public like Swagger UI (the page holds no data; it asks for a key and sends it to {@code /v2} itself). Every answer
 * under {@code /console} carries a strict Content-Security-Policy: everything from this origin only, no inline script
 * or style; pictures also from {@code blob:} and {@code data:} (previews and storyboards fetched with the key). The
 * player plays the signed {@code download_url}'s path on this origin, so media need no other origin either (the
 * link's own host may be an IPv6 literal, which a CSP source cannot name).
 */
@Configuration(proxyBeanMethods = false)
class ConsoleResources implements WebMvcConfigurer {

    static final String PATH = "/console";

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self' blob: data:; media-src 'self' blob:; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(PATH + "/**").addResourceLocations("classpath:/static/console/");
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                response.setHeader("Content-Security-Policy", POLICY);
                return true;
            }
        }).addPathPatterns(PATH, PATH + "/**");
    }
}
