package dev.montage.api;

import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.apache.coyote.BadRequestException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.DisconnectedClientHelper;

import jakarta.servlet.MultipartConfigElement;

/**
 * The one place where exceptions become HTTP answers, always in the Telnyx envelope. Client mistakes keep
 * their 4xx; anything else is a 500 with code 10007 and no internals, logged here with its stack trace.
 * Every answer names its Content-Type itself, so it is JSON whatever the request's Accept asks for: a client that
 * asks for HTML still learns what went wrong. A client that hung up gets nothing, and is no error of ours.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ObjectProvider<MultipartConfigElement> multipartConfig;

    ApiExceptionHandler(ObjectProvider<MultipartConfigElement> multipartConfig) {
        this.multipartConfig = multipartConfig;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ErrorEnvelope> api(ApiException e) {
        return json(ResponseEntity.status(e.status()), e.errors());
    }

    @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
    ResponseEntity<ErrorEnvelope> noRoute(Exception e) {
        return answer(HttpStatus.NOT_FOUND, ApiError.of(ErrorCode.NOT_FOUND, "No such route"));
    }

    /** The firewall refusing a parameter name or header value that Spring MVC read. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ErrorEnvelope> rejected(RequestRejectedException e) {
        return answer(HttpStatus.BAD_REQUEST, FirewallRefusals.error(e));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorEnvelope> method(HttpRequestMethodNotSupportedException e) {
        String allowed = e.getSupportedHttpMethods() == null ? ""
                : e.getSupportedHttpMethods().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
        return json(ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).header("Allow", allowed),
                List.of(ApiError.of(ErrorCode.BAD_REQUEST, e.getMethod() + " is not allowed here; allowed: " + allowed)));
    }

    /**
     * Accept names nothing this route answers, or is not a media type at all. Only where a route has an answer to
     * give: an error answers JSON regardless (see the class comment).
     */
    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ErrorEnvelope> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return answer(HttpStatus.NOT_ACCEPTABLE, ApiError.of(ErrorCode.BAD_REQUEST,
                "This resource is application/json; send Accept: application/json, */* or no Accept header"));
    }

    /**
     * Tomcat parses the query string when it is first read and refuses all of it when one part is malformed
     * (invalid or overlong percent-encoding, an empty name, more parameters than the connector allows).
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ErrorEnvelope> malformedQuery(InvalidParameterException e) {
        HttpStatus status = HttpStatus.resolve(e.getErrorCode());
        return answer(status != null && status.is4xxClientError() ? status : HttpStatus.BAD_REQUEST,
                ApiError.of(ErrorCode.BAD_REQUEST, "The query string is malformed: each parameter must be name=value, "
                        + "percent-encoded as UTF-8, and there may be at most a thousand of them"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorEnvelope> mediaType(HttpMediaTypeNotSupportedException e) {
        return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ApiError.of(ErrorCode.BAD_REQUEST,
                "Content-Type " + e.getContentType() + " is not supported here; use " + e.getSupportedMediaTypes()));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ErrorEnvelope> missingPart(MissingServletRequestPartException e) {
        return answer(HttpStatus.UNPROCESSABLE_CONTENT, ApiError.atParameter(ErrorCode.MISSING_PARAMETER,
                e.getRequestPartName(), e.getRequestPartName() + " is required"));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ErrorEnvelope> missingParameter(MissingServletRequestParameterException e) {
        return answer(HttpStatus.UNPROCESSABLE_CONTENT, ApiError.atParameter(ErrorCode.MISSING_PARAMETER,
                e.getParameterName(), e.getParameterName() + " is required"));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ErrorEnvelope> uploadTooLarge(MaxUploadSizeExceededException e) {
        OptionalLong limit = e.getMaxUploadSize() >= 0 ? OptionalLong.of(e.getMaxUploadSize())
                : configuredUploadLimit();
        String detail = limit.isPresent() ? "The upload exceeds the size limit of " + limit.getAsLong() + " bytes"
                : "The upload exceeds the size limit";
        return answer(HttpStatus.UNPROCESSABLE_CONTENT, ApiError.atParameter(ErrorCode.BAD_REQUEST, "file", detail));
    }

    /**
     * Spring reports a limit the container enforced as -1 (unknown), so the client is told the configured one: the
     * smaller of the multipart file and request limits (-1 there means unlimited).
     */
    private OptionalLong configuredUploadLimit() {
        MultipartConfigElement config = multipartConfig.getIfAvailable();
        if (config == null) {
            return OptionalLong.empty();
        }
        return LongStream.of(config.getMaxFileSize(), config.getMaxRequestSize()).filter(size -> size >= 0).min();
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ErrorEnvelope> multipart(MultipartException e) {
        return answer(HttpStatus.BAD_REQUEST, ApiError.of(ErrorCode.BAD_REQUEST,
                "The request is not a readable multipart/form-data body"));
    }

    /**
     * The container could not read the body as framed (a bad chunk, a short body): the client's doing. A client that
     * went away raises one too (ClientAbortException is a BadRequestException) and gets no answer.
     */
    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<ErrorEnvelope> unreadableBody(BadRequestException e) {
        if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
            return clientGone(e);
        }
        return answer(HttpStatus.BAD_REQUEST, ApiError.of(ErrorCode.BAD_REQUEST, ApiError.UNREADABLE_BODY));
    }

    /**
     * The database lost a lock race (a deadlock, a lock timeout) or could not be reached: the request did nothing
     * (its transaction rolled back) and the same request succeeds once the moment has passed. 503 with
     * {@code Retry-After}, never a 500: the client did nothing wrong and has nothing to report.
     */
    @ExceptionHandler({TransientDataAccessException.class, RecoverableDataAccessException.class,
            DataAccessResourceFailureException.class})
    ResponseEntity<ErrorEnvelope> databaseBusy(Exception e) {
        log.warn("Database unavailable for this request, answered 503: {}", e.toString());
        return json(ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1"),
                List.of(ApiError.of(ErrorCode.TOO_MANY_REQUESTS,
                        "The database is briefly unavailable; nothing was changed. Try again in a second")));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorEnvelope> unexpected(Exception e) {
        if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
            return clientGone(e);
        }
        log.error("Unexpected error", e);
        return answer(HttpStatus.INTERNAL_SERVER_ERROR, ApiError.of(ErrorCode.UNEXPECTED,
                "An unexpected error occurred; it has been logged"));
    }

    /**
     * The client closed the connection while its request was read or its answer written: there is no one to answer,
     * and a browser seeking in a video does it all the time. One line at DEBUG, never an ERROR with a stack trace.
     */
    private static ResponseEntity<ErrorEnvelope> clientGone(Exception e) {
        log.debug("Client went away before the exchange was complete: {}", e.toString());
        return null;
    }

    private static ResponseEntity<ErrorEnvelope> answer(HttpStatus status, ApiError error) {
        return json(ResponseEntity.status(status), List.of(error));
    }

    private static ResponseEntity<ErrorEnvelope> json(ResponseEntity.BodyBuilder builder, List<ApiError> errors) {
        return builder.contentType(MediaType.APPLICATION_JSON).body(new ErrorEnvelope(errors));
    }
}
