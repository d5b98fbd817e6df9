package dev.montage.idempotency;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.montage.api.ErrorResponses;

/**
 * Puts the {@link IdempotencyFilter} on {@code /v2/*} (with Twilio's header on {@code /v1/*}), after Spring
 * Security's chain (order -100), which authenticates the request and so names the account a key belongs to. Only requests the container dispatches from a client pass
 * through it, not its error dispatches.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // not in a command-line run
@EnableConfigurationProperties(IdempotencySettings.class)
class IdempotencyConfiguration {

    /** After the security chain, before anything that reads the body. */
    static final int ORDER = 0;

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyKeys keys, IdempotencySettings settings,
            ErrorResponses errors, Clock clock) {
        FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(
                new IdempotencyFilter(IdempotencyFilter.HEADER, keys, settings, errors, clock));
        registration.addUrlPatterns("/v2/*");
        registration.setOrder(ORDER);
        return registration;
    }

    /** Twilio's {@code I-Twilio-Idempotency-Token} on {@code /v1}: the same keys, answered in Twilio's error shape. */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> twilioIdempotencyFilter(IdempotencyKeys keys,
            IdempotencySettings settings, ErrorResponses errors, Clock clock) {
        FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(
                new IdempotencyFilter(IdempotencyFilter.TWILIO_HEADER, keys, settings, errors, clock));
        registration.addUrlPatterns("/v1/*");
        registration.setOrder(ORDER);
        return registration;
    }
}
