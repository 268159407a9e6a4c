package dev.gauntlet.agent.cassette;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One request to the model and its answer, as a cassette holds it.
 *
 * @param path the request's path and query, e.g. {@code /v1/chat/completions}
 * @param request the request body: parsed JSON, a text node when it is not JSON, or a null node
 *     when any body matches
 * @param headers the answer's headers that survive scrubbing
 * @param body the answer's body: parsed JSON, or a text node (a stream, an HTML error page)
 */
record Exchange(
    String method,
    String path,
    JsonNode request,
    int status,
    Map<String, String> headers,
    JsonNode body) {}
