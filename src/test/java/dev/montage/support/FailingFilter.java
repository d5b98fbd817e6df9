package dev.montage.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A servlet filter after Spring Security's chain that throws when a request carries {@link #HEADER}: what a library's
 * failing filter does, so that the container dispatches the request again to {@code /error}. Import it into a test
 * ({@code @Import(FailingFilter.class)}); tests importing it share one application context.
 */
@TestConfiguration
public class FailingFilter {

    public static final String HEADER = "X-Test-Fail-In-Filter";

    @Bean
    FilterRegistrationBean<Filter> failingFilter() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
            if (request instanceof HttpServletRequest http && http.getHeader(HEADER) != null) {
                throw new IllegalStateException("a filter failed");
            }
            chain.doFilter(request, response);
        });
        registration.setOrder(0); // after Spring Security's chain (-100): the request is authenticated first
        return registration;
    }
}
