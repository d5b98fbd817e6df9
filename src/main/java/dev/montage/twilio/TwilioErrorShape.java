package dev.montage.twilio;

import java.io.IOException;
import java.util.stream.Collectors;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import dev.montage.api.ApiError;
import dev.montage.api.ErrorResponses;
import dev.montage.api.ErrorShape;
import dev.montage.api.FirewallRefusals;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Twilio's error shape for every {@code /v1} path, also where no {@code /v1} controller was chosen, so a Twilio helper
 * library reads every error it gets: an unknown route (20404), a method the route lacks (20004, with {@code Allow}),
 * the firewall's refusal and the container's {@code /error} dispatch (through {@link ErrorShape}). It resolves before
 * the application-wide handler, which would answer these in the /v2 envelope.
 */
@Component
class TwilioErrorShape implements ErrorShape, HandlerExceptionResolver, Ordered {

    private final TwilioErrorWriter writer;

    TwilioErrorShape(TwilioErrorWriter writer) {
        this.writer = writer;
    }

    @Override
    public boolean owns(String path) {
        return path.equals("/v1") || path.startsWith("/v1/");
    }

    @Override
    public void write(HttpServletResponse response, HttpStatus status, ApiError error) throws IOException {
        int code = switch (status) {
            case NOT_FOUND -> TwilioError.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> TwilioError.METHOD_NOT_ALLOWED;
            case UNAUTHORIZED -> TwilioError.AUTHENTICATE;
            case TOO_MANY_REQUESTS -> TwilioError.TOO_MANY_REQUESTS;
            case SERVICE_UNAVAILABLE -> TwilioError.SERVICE_UNAVAILABLE;
            default -> status.is5xxServerError() ? TwilioError.INTERNAL : TwilioError.INVALID_PARAMETER;
        };
        writer.write(response, TwilioError.of(status.value(), code, error.detail()));
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception e) {
        String path = ErrorResponses.pathOf(request);
        if (!owns(path)) {
            return null;
        }
        TwilioError error;
        if (e instanceof NoResourceFoundException || e instanceof NoHandlerFoundException) {
            error = TwilioError.of(404, TwilioError.NOT_FOUND, "The requested resource " + path + " was not found");
        } else if (e instanceof HttpRequestMethodNotSupportedException refused) {
            String allowed = refused.getSupportedHttpMethods() == null ? "" : refused.getSupportedHttpMethods().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            response.setHeader(HttpHeaders.ALLOW, allowed);
            error = TwilioError.of(405, TwilioError.METHOD_NOT_ALLOWED,
                    "Method not allowed: " + refused.getMethod() + "; allowed: " + allowed);
        } else if (e instanceof RequestRejectedException rejected) {
            error = TwilioError.of(400, TwilioError.INVALID_PARAMETER, FirewallRefusals.error(rejected).detail());
        } else {
            return null;
        }
        try {
            writer.write(response, error);
        } catch (IOException unwritable) {
            return null;
        }
        return new ModelAndView();
    }

    /** Before Spring's resolvers, whose {@code @ExceptionHandler}s answer in the /v2 envelope. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
