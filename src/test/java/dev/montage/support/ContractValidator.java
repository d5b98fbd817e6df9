package dev.montage.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

/**
 * Checks real requests and answers against the OpenAPI document the service publishes
 * ({@code src/main/resources/openapi/montage-v2.yaml}), with Atlassian's swagger-request-validator. {@link ApiClient}
 * checks every answer it receives, so each API test is also a contract test: an answer the document does not
 * describe fails the test that got it.
 *
 * <p>Answers to requests the document has no operation for (an unknown route, a path spelled otherwise, a HEAD, the
 * actuator) are not the document's business and pass; {@link #checkRequest} is strict about those too, for the tests
 * that send requests meant to be valid.
 */
public final class ContractValidator {

    public static final Path DOCUMENT = Path.of("src/main/resources/openapi/montage-v2.yaml");

    /** Validation messages that mean "this request is outside the document", not "the document is wrong". */
    private static final Set<String> OUTSIDE_THE_DOCUMENT = Set.of(
            "validation.request.path.missing", "validation.response.path.missing",
            "validation.request.operation.notAllowed");

    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForInlineApiSpecification(read(DOCUMENT))
            .build();

    private ContractValidator() {
    }

    /** Fails when the document describes this request's operation and the answer contradicts it. */
    public static void checkResponse(String method, URI uri, int status, Map<String, List<String>> headers,
            String body) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        headers.forEach(response::withHeader);
        if (!body.isEmpty()) {
            response.withBody(body);
        }
        ValidationReport report = VALIDATOR.validateResponse(uri.getRawPath(), Request.Method.valueOf(method),
                response.build());
        List<ValidationReport.Message> errors = report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .filter(m -> !OUTSIDE_THE_DOCUMENT.contains(m.getKey()))
                .toList();
        if (!errors.isEmpty()) {
            throw new AssertionError("The answer to " + method + " " + uri.getRawPath() + " (" + status + " " + body
                    + ") contradicts " + DOCUMENT + ":\n" + describe(errors));
        }
    }

    /** Fails unless the document has an operation for this request and the request is valid for it. */
    public static void checkRequest(String method, URI uri, Map<String, List<String>> headers, byte[] body) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, uri.getRawPath());
        headers.forEach(request::withHeader);
        queryParameters(uri.getRawQuery()).forEach(request::withQueryParam);
        if (body != null && body.length > 0) {
            request.withBody(body);
        }
        List<ValidationReport.Message> errors = VALIDATOR.validateRequest(request.build()).getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .toList();
        if (!errors.isEmpty()) {
            throw new AssertionError("The request " + method + " " + uri + " does not match " + DOCUMENT + ":\n"
                    + describe(errors));
        }
    }

    /** Query parameters by decoded name ({@code filter%5Bstatus%5D} is {@code filter[status]}), in order. */
    private static Map<String, List<String>> queryParameters(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String describe(List<ValidationReport.Message> errors) {
        return errors.stream().map(m -> "  [" + m.getKey() + "] " + m.getMessage()
                + m.getContext().flatMap(c -> c.getPointers()).map(p -> " at " + p.getInstance()).orElse(""))
                .collect(Collectors.joining("\n"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
