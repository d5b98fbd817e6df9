package dev.montage.api;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a {@link JsonBody}: refuses bodies over 1 MB with 413 before parsing them, and malformed JSON with 400.
 * Binding a lenient tree (rather than a typed object) lets validation report every problem with its pointer.
 */
@Component
class JsonBodyResolver implements HandlerMethodArgumentResolver {

    static final int MAX_BYTES = 1024 * 1024;

    private final JsonMapper mapper;

    JsonBodyResolver(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == JsonBody.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) throws IOException {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        if (request.getContentLengthLong() > MAX_BYTES) {
            throw tooLarge();
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge();
        }
        if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return new JsonBody(mapper.createObjectNode());
        }
        try {
            return new JsonBody(mapper.readTree(bytes));
        } catch (JacksonException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST,
                    ApiError.of(ErrorCode.BAD_REQUEST, "The request body is not valid JSON: " + e.getOriginalMessage()));
        }
    }

    private static ApiException tooLarge() {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE,
                ApiError.of(ErrorCode.BAD_REQUEST, "The request body exceeds " + MAX_BYTES + " bytes"));
    }
}
