package dev.montage.api;

import java.io.IOException;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.util.DisconnectedClientHelper;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** Writes the error envelope where no controller runs: servlet filters and the container's error page. */
@Component
public class ErrorResponses {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    private final JsonMapper mapper;
    private final List<ErrorShape> shapes;

    ErrorResponses(JsonMapper mapper, ObjectProvider<ErrorShape> shapes) {
        this.mapper = mapper;
        this.shapes = shapes.orderedStream().toList();
    }

    /** The path the client asked for, as {@link #write(String, HttpServletResponse, HttpStatus, ApiError)} takes it. */
    public static String pathOf(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
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

    /**
     * A request body that a filter could not read: nothing when the client went away (there is no one to answer),
     * else 400 in the shape of {@code path}'s protocol.
     */
    public void writeUnreadableBody(String path, HttpServletResponse response, IOException e) throws IOException {
        if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
            log.debug("Client went away while its request was read: {}", e.toString());
            return;
        }
        write(path, response, HttpStatus.BAD_REQUEST, ApiError.of(ErrorCode.BAD_REQUEST, ApiError.UNREADABLE_BODY));
    }

    public void write(HttpServletResponse response, HttpStatus status, ApiError error) throws IOException {
        response.resetBuffer();
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        mapper.writeValue(response.getOutputStream(), new ErrorEnvelope(java.util.List.of(error)));
    }
}
