package dev.montage.idempotency;

import java.util.Map;
import java.util.Objects;

/** The first answer to a request with an Idempotency-Key, as it is given again to every repeat of it. */
record StoredAnswer(int status, Map<String, String> headers, byte[] body) {

    StoredAnswer {
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /** {@code Name: value} lines: the headers are few and never contain a line break (Tomcat refuses them). */
    String headerLines() {
        StringBuilder lines = new StringBuilder();
        headers.forEach((name, value) -> lines.append(name).append(": ").append(value).append('\n'));
        return lines.toString();
    }

    static Map<String, String> parseHeaderLines(String lines) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        if (lines != null) {
            for (String line : lines.split("\n")) {
                int colon = line.indexOf(": ");
                if (colon > 0) {
                    headers.put(line.substring(0, colon), line.substring(colon + 2));
                }
            }
        }
        return headers;
    }
}
