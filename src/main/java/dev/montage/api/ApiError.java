package dev.montage.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One entry of the Telnyx error envelope {@code {"errors":[...]}}. */
public record ApiError(String code, String title, String detail,
        @JsonInclude(JsonInclude.Include.NON_NULL) Source source, Map<String, Object> meta) {

    /** Tomcat's refusal of a whole query string or form body (bad percent-encoding, an empty name, too many). */
    public static final String MALFORMED_PARAMETERS = "The parameters are malformed: each must be name=value, "
            + "percent-encoded as UTF-8, and there may be at most a thousand of them";

    /** A body that ends before its Content-Length or breaks its chunking: met by a filter or by a controller. */
    public static final String UNREADABLE_BODY =
            "The request body could not be read as framed by its Content-Length or Transfer-Encoding";

    public ApiError {
        meta = meta == null ? Map.of() : Map.copyOf(meta);
    }

    public static ApiError of(ErrorCode code, String detail) {
        return new ApiError(code.code(), code.title(), detail, null, Map.of());
    }

    public static ApiError atPointer(ErrorCode code, String pointer, String detail) {
        return new ApiError(code.code(), code.title(), detail, Source.pointer(pointer), Map.of());
    }

    public static ApiError atParameter(ErrorCode code, String parameter, String detail) {
        return new ApiError(code.code(), code.title(), detail, Source.parameter(parameter), Map.of());
    }

    /** Where the problem is: an RFC 6901 pointer into the body, or the name of a query parameter. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String pointer, String parameter) {
        static Source pointer(String pointer) {
            return new Source(pointer, null);
        }

        static Source parameter(String parameter) {
            return new Source(null, parameter);
        }
    }
}
