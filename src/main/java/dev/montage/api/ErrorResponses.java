package dev.montage.api;

import java.io.IOException;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** Writes the error envelope where no controller runs: servlet filters and the container's error page. */
@Component
public class ErrorResponses {

    private final JsonMapper mapper;
    private final List<ErrorShape> shapes;

    ErrorResponses(JsonMapper mapper, ObjectProvider<ErrorShape> shapes) {
        this.mapper = mapper;
        this.shapes = shapes.orderedStream().toList();
    }

    /** The error in the shape of the protocol that owns {@code path} (see {@link ErrorShape}), else the envelope. */
    public void write(String path, HttpServletResponse response, HttpStatus status, ApiError error)
            throws IOException {
        for (ErrorShape shape : shapes) {
            if (path != null && shape.owns(path)) {
                shape.write(response, status, error);
                return;
            }
        }
        write(response, status, error);
    }

    public void write(HttpServletResponse response, HttpStatus status, ApiError error) throws IOException {
        response.resetBuffer();
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        mapper.writeValue(response.getOutputStream(), new ErrorEnvelope(java.util.List.of(error)));
    }
}
