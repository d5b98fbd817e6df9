package dev.montage.twilio;

import java.io.IOException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.montage.accounts.AccountService;
import dev.montage.api.AccountId;
import dev.montage.node.NodeRoles;
import dev.montage.ratelimits.RateLimitFilter;
import dev.montage.ratelimits.RateLimits;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Who may call {@code /v1}, Twilio's wire protocol: a chain of its own, before the {@code /v2} one, that takes
 * HTTP Basic only (what Twilio's helper libraries send; a {@code /v2} Bearer key is refused here, so one protocol
 * never half-works under the other) and answers every refusal in Twilio's error shape. Otherwise as {@code /v2}: the
 * same firewall, stateless, the account's rate limits, and on a node without the api role a 404 before any
 * credential is looked at.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class TwilioSecurity {

    static final String PATHS = "/v1/**";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain twilioBasic(HttpSecurity http, AccountService accounts, TwilioErrorWriter errors,
            NodeRoles roles, RateLimits limits) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, reason) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Twilio API\"");
            errors.write(response, TwilioError.of(HttpStatus.UNAUTHORIZED.value(), TwilioError.AUTHENTICATE,
                    "Authenticate"));
        };
        if (!roles.api()) {
            http.addFilterBefore(new NoTwilioApiOnThisNode(errors), BasicAuthenticationFilter.class);
        }
        AuthenticationFilter basic = new AuthenticationFilter(
                new ProviderManager(new TwilioCredentialsProvider(accounts)), new BasicCredentialsConverter());
        basic.setSuccessHandler((request, response, authentication) -> request.setAttribute(
                AccountId.REQUEST_ATTRIBUTE, ((TwilioCredentials) authentication).account()));
        basic.setFailureHandler(new AuthenticationEntryPointFailureHandler(unauthorized));
        http.securityMatcher(PATHS)
                .csrf(csrf -> csrf.disable())
                .formLogin(form -> form.disable())
                .httpBasic(httpBasic -> httpBasic.disable()) // Spring's own would keep a user store; ours reads keys
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthorized))
                .addFilterAt(basic, BasicAuthenticationFilter.class)
                .addFilterAfter(new RateLimitFilter(limits, (response, detail) -> errors.write(response,
                        TwilioError.of(HttpStatus.TOO_MANY_REQUESTS.value(), TwilioError.TOO_MANY_REQUESTS, detail))),
                        AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .anyRequest().authenticated());
        return http.build();
    }

    /** As {@code /v2} on a worker node: a plain 404, never a 401 that would send the client looking for a key. */
    private static final class NoTwilioApiOnThisNode extends OncePerRequestFilter {
        private final TwilioErrorWriter errors;

        NoTwilioApiOnThisNode(TwilioErrorWriter errors) {
            this.errors = errors;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            errors.write(response, TwilioError.of(HttpStatus.NOT_FOUND.value(), TwilioError.NOT_FOUND,
                    "This node serves no API (it is a worker): send API calls to a node with the api role"));
        }
    }
}
