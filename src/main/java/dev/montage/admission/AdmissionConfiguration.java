package dev.montage.admission;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.zaxxer.hikari.HikariDataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.montage.api.ErrorResponses;

/**
 * Puts the {@link AdmissionFilter} on {@code /v1/*} and {@code /v2/*}, after the request id and before Spring
 * Security's chain: the key look-up is database work too, and takes a turn like the rest of the request.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // not in a command-line run
@EnableConfigurationProperties(AdmissionSettings.class)
class AdmissionConfiguration {

    static final int ORDER = SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10;
    /** Hikari's own default, for a pool it does not make. */
    private static final int DEFAULT_POOL_SIZE = 10;

    private static final Logger log = LoggerFactory.getLogger(AdmissionConfiguration.class);

    @Bean
    ApiTurns apiTurns(AdmissionSettings settings, DataSource dataSource) {
        int pool = dataSource instanceof HikariDataSource hikari ? hikari.getMaximumPoolSize() : DEFAULT_POOL_SIZE;
        ApiTurns turns = new ApiTurns(settings.concurrency(Runtime.getRuntime().availableProcessors(), pool),
                settings.maxQueued(), settings.maxWait());
        if (settings.enabled()) {
            log.info("API requests: {} at once, up to {} waiting for at most {}", turns.size(), settings.maxQueued(),
                    settings.maxWait());
        }
        return turns;
    }

    /** {@code montage.api.requests.running} and {@code .waiting}: how busy the node's turns are, at scrape time. */
    @Bean
    MeterBinder apiTurnsMetrics(ApiTurns turns) {
        return registry -> {
            Gauge.builder("montage.api.requests.running", turns, ApiTurns::running)
                    .description("API requests holding a turn on this node").register(registry);
            Gauge.builder("montage.api.requests.waiting", turns, ApiTurns::waiting)
                    .description("API requests waiting for a turn on this node").register(registry);
        };
    }

    @Bean
    FilterRegistrationBean<AdmissionFilter> admissionFilter(ApiTurns turns, AdmissionSettings settings,
            ErrorResponses errors) {
        FilterRegistrationBean<AdmissionFilter> registration =
                new FilterRegistrationBean<>(new AdmissionFilter(turns, errors));
        registration.addUrlPatterns("/v1/*", "/v2/*");
        registration.setOrder(ORDER);
        registration.setEnabled(settings.enabled());
        return registration;
    }
}
