package dev.montage.accounts;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;

import dev.montage.api.AccountId;
import dev.montage.api.ErrorResponses;
import dev.montage.api.FirewallRefusals;
import dev.montage.node.NodeRoles;
import dev.montage.ratelimits.RateLimitFilter;
import dev.montage.ratelimits.RateLimits;
import jakarta.servlet.DispatcherType;

/**
 * Who may call what, decided by Spring Security rather than by hand (issue 8): its firewall first refuses every
 * path that the container or Spring MVC would decode or normalise into another one ({@code ;}, encoded
 * {@code / \ . %}, {@code //}, dot segments), so what is authorised is what is routed; then every request needs a
 * valid API key except the public routes, which are matched with the router's own path patterns. Deny by default:
 * a path no rule names (another spelling of a route included) needs a key too.
 *
 * <p>A node without the api role answers everything but its health 404 before any key is looked at
 * ({@link NoApiOnThisNode}).
 *
 * <p>Stateless: no session, no CSRF token (no cookies to ride on), no login form, no basic authentication, no saved
 * requests (which would read the parameters, and so parse an unauthenticated upload, before the key is checked).
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // not in a command-line run
class ApiSecurity {

    @Bean
    SecurityFilterChain apiKeys(HttpSecurity http, ApiKeyAuthenticationProvider keys,
            JsonAuthenticationEntryPoint unauthorized, NodeRoles roles, ErrorResponses errors, RateLimits limits) {
        if (!roles.api()) {
            // not a bean, for the reason given at bearerKeyFilter
            http.addFilterBefore(new NoApiOnThisNode(errors), BasicAuthenticationFilter.class);
        }
        http.csrf(csrf -> csrf.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthorized))
                .addFilterAt(bearerKeyFilter(keys, unauthorized), BasicAuthenticationFilter.class)
                // once the request is known to come from an account: its buckets (not a bean, as bearerKeyFilter)
                .addFilterAfter(new RateLimitFilter(limits, errors), AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        // the container's error dispatch renders the envelope of a request already answered
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(PublicRoutes.MATCHER).permitAll()
                        .anyRequest().authenticated());
        return http.build();
    }

    /**
     * Authenticates {@code Authorization: Bearer <key>} and hands the account to the controllers the way they take
     * it, as a request attribute. Not a bean: Spring Boot would register a bean filter with the container too, and
     * it would run outside the firewall. The public routes ignore the header altogether, as before.
     */
    private static AuthenticationFilter bearerKeyFilter(ApiKeyAuthenticationProvider keys,
            JsonAuthenticationEntryPoint unauthorized) {
        AuthenticationFilter filter = new AuthenticationFilter(new ProviderManager(keys), new BearerKeyConverter());
        filter.setRequestMatcher(new NegatedRequestMatcher(PublicRoutes.MATCHER));
        filter.setSuccessHandler((request, response, authentication) -> request.setAttribute(
                AccountId.REQUEST_ATTRIBUTE, ((ApiKeyAuthentication) authentication).account()));
        filter.setFailureHandler(new AuthenticationEntryPointFailureHandler(unauthorized));
        return filter;
    }

    /**
     * No observations of Spring Security's own filters, authentication and authorisation: with a metrics registry
     * present, it wraps each of the dozen filters of every request in an observation of its own, with timers and
     * counters looked up by tags, for metrics nobody reads: without them the liveness probe answered about a quarter
     * more requests per second under load, a listed page about a tenth more (bench/RESULTS.md, "API load", "The
     * list, fourth pass"). The requests' own latency per endpoint ({@code http.server.requests}) stays.
     */
    @Bean
    SecurityObservationSettings noSecurityFilterObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** The firewall's refusals in the envelope. */
    @Bean
    WebSecurityCustomizer firewallRefusalsInTheEnvelope(FirewallRefusals rejected) {
        return web -> web.requestRejectedHandler(rejected);
    }
}
