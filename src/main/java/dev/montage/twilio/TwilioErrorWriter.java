package dev.montage.twilio;

import java.io.IOException;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** Writes Twilio's error shape where no controller runs: the filters of the {@code /v1} chain. */
@Component
class TwilioErrorWriter {

    private final JsonMapper mapper;

    TwilioErrorWriter(JsonMapper mapper) {
        this.mapper = mapper;
    }

    void write(HttpServletResponse response, TwilioError error) throws IOException {
        response.resetBuffer();
        response.setStatus(error.status());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        mapper.writeValue(response.getOutputStream(), error);
    }
}
