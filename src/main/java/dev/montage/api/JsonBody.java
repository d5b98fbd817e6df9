package dev.montage.api;

import tools.jackson.databind.JsonNode;

/**
 * A parsed JSON request body, at most {@link JsonBodyResolver#MAX_BYTES}. Controllers take it as a parameter;
 * an empty body reads as {@code {}} so that "all defaults" needs no body at all.
 */
public record JsonBody(JsonNode root) {
}
