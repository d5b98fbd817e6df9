package dev.montage.accounts;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The routes that need no API key: a composition's media, whose signed download link carries its own HMAC (so a
 * browser {@code <video>} can play it), the health probe of load balancers and orchestrators, which tells
 * only UP or DOWN, the metrics scrape, the API's description (the OpenAPI document and the Swagger UI page that
 * shows it), and the web console's static files (which hold no data: the page asks for a key and sends it itself). Matched with the path patterns Spring MVC routes with, on the decoded path, so a route is
 * public exactly when the router takes it for this one.
 */
final class PublicRoutes {

    private static final String COMPOSITION_MEDIA = "/v2/room_compositions/{compositionId}/media";

    /** {@code /actuator/health} itself ({@code /**} matches no segment too) and its groups. */
    private static final String HEALTH_PATHS = "/actuator/health/**";

    static final RequestMatcher HEALTH = new OrRequestMatcher(
            PathPatternRequestMatcher.pathPattern(HttpMethod.GET, HEALTH_PATHS),
            PathPatternRequestMatcher.pathPattern(HttpMethod.HEAD, HEALTH_PATHS));

    /**
     * The scrape of metrics: what every node does (queues, renders, requests per route template), never a
     * client's data; an operator keeps it private with the management port (docs/deployment.md).
     */
    private static final String PROMETHEUS = "/actuator/prometheus";

    /** What a node serves its operator, whatever its roles: the health probes and the metrics scrape. */
    static final RequestMatcher ACTUATOR = new OrRequestMatcher(HEALTH,
            PathPatternRequestMatcher.pathPattern(HttpMethod.GET, PROMETHEUS),
            PathPatternRequestMatcher.pathPattern(HttpMethod.HEAD, PROMETHEUS));

    private static final String OPENAPI_DOCUMENT = "/openapi.yaml";

    /** {@code /swagger-ui} itself and its files. */
    private static final String SWAGGER_UI = "/swagger-ui/**";

    /** {@code /console} itself and its files. */
    private static final String CONSOLE = "/console/**";

    static final RequestMatcher MATCHER = new OrRequestMatcher(
            PathPatternRequestMatcher.pathPattern(HttpMethod.GET, COMPOSITION_MEDIA),
            PathPatternRequestMatcher.pathPattern(HttpMethod.HEAD, COMPOSITION_MEDIA), ACTUATOR,
            PathPatternRequestMatcher.pathPattern(HttpMethod.GET, OPENAPI_DOCUMENT),
            PathPatternRequestMatcher.pathPattern(HttpMethod.HEAD, OPENAPI_DOCUMENT),
            PathPatternRequestMatcher.pathPattern(HttpMethod.GET, SWAGGER_UI),
            PathPatternRequestMatcher.pathPattern(HttpMethod.HEAD, SWAGGER_UI),
            PathPatternRequestMatcher.pathPattern(HttpMethod.GET, CONSOLE),
            PathPatternRequestMatcher.pathPattern(HttpMethod.HEAD, CONSOLE));

    private PublicRoutes() {
    }
}
