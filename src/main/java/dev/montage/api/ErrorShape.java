package dev.montage.api;

import java.io.IOException;

import org.springframework.http.HttpStatus;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Another protocol's error body for the paths it owns (Twilio's under {@code /v1}), written where no controller of
 * that protocol runs: the {@code /error} dispatch and the firewall's refusals. {@link ErrorResponses} asks each shape
 * whether it owns the path the client asked for; the envelope answers every other path.
 */
public interface ErrorShape {

    /** Whether errors of this path, as the client sent it (the context path stripped), are this shape's. */
    boolean owns(String path);

    void write(HttpServletResponse response, HttpStatus status, ApiError error) throws IOException;
}
