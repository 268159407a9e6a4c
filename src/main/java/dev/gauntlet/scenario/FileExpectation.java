package dev.gauntlet.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Check one workspace file after the run. Every check that is set must hold.
 *
 * @param exists the file must exist ({@code true}) or must not ({@code false})
 * @param equals the whole content, exactly
 * @param contains a substring of the content
 * @param matches a regular expression that must match somewhere in the content
 * @param json JSON paths (e.g. {@code $.pages[0].title}) mapped to the value each must have
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record FileExpectation(
    @Nullable Boolean exists,
    @Nullable String equals,
    @Nullable String contains,
    @Nullable String matches,
    Map<String, JsonNode> json,
    Origin origin) {

  public FileExpectation {
    json = Map.copyOf(json);
  }
}
