package dev.montage.api;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's own error answers in the Telnyx envelope instead of its HTML page. Tomcat answers by itself when it
 * refuses a request before any filter or servlet runs: a malformed request line, Host or header, a header section
 * over its size limit, a path with an encoded slash or NUL, an unreadable Content-Length. It answers through the
 * Host's error report valve, which this replaces. Whatever Spring already answered is left alone: a report is only
 * written where nothing was.
 */
public final class JsonErrorReportValve extends ErrorReportValve {

    // the envelope's names are single words, so a plain mapper writes what the application's would
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String body = JSON.writeValueAsString(new ErrorEnvelope(List.of(errorFor(status))));
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed meanwhile: nobody is left to tell
        }
    }

    /** 10007 only for a failure of ours; what HTTP makes a 5xx the client can still change (501, 505) is 10015. */
    static ApiError errorFor(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return switch (status) {
            case 400 -> ApiError.of(ErrorCode.BAD_REQUEST, "The request is malformed: its request line, Host, "
                    + "a header (too large, or with a forbidden character), the percent-encoding of its path "
                    + "(%2F, %5C and %00 are refused) or its Content-Length could not be accepted");
            case 404 -> ApiError.of(ErrorCode.NOT_FOUND, "No such route");
            case 417 -> ApiError.of(ErrorCode.BAD_REQUEST, "The only expectation supported is Expect: 100-continue");
            case 501 -> ApiError.of(ErrorCode.BAD_REQUEST,
                    "Not implemented here: CONNECT, or a Transfer-Encoding other than chunked");
            case 505 -> ApiError.of(ErrorCode.BAD_REQUEST, "The HTTP version is not supported; use HTTP/1.1");
            default -> status >= 500
                    ? ApiError.of(ErrorCode.UNEXPECTED, "An unexpected error occurred; it has been logged")
                    : ApiError.of(ErrorCode.BAD_REQUEST, known == null ? "HTTP " + status : known.getReasonPhrase());
        };
    }
}
