package dev.montage.logs;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.AlternativeJdkIdGenerator;

/** Puts the {@link RequestIdFilter} first of all filters, before Spring Security's chain (order -100). */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // not in a command-line run
class RequestIdConfiguration {

    /**
     * Request ids need to be unique, not unguessable: {@code UUID.randomUUID()} draws from the JVM's one
     * {@code SecureRandom}, behind one lock, and every request of every connection took it first, before the API's
     * turns limit how many run; under 64 connections a flight recording showed the request threads queued on that
     * lock (bench/RESULTS.md, "Keys remembered"). Spring's generator seeds a plain {@code Random} once from
     * {@code SecureRandom}.
     */
    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        AlternativeJdkIdGenerator ids = new AlternativeJdkIdGenerator();
        FilterRegistrationBean<RequestIdFilter> registration =
                new FilterRegistrationBean<>(new RequestIdFilter(ids::generateId));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(jakarta.servlet.DispatcherType.REQUEST, jakarta.servlet.DispatcherType.ERROR);
        return registration;
    }
}
