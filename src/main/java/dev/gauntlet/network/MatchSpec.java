package dev.gauntlet.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Describe how a mock matches one value of a request (a header, a query parameter, the body). A
 * plain string means {@code equalTo}; otherwise exactly one key is set.
 *
 * @param equalTo the value, exactly
 * @param contains a part of the value
 * @param matches a regular expression the whole value matches
 * @param equalToJson JSON equal to the value, ignoring formatting and key order
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MatchSpec(
    @JsonProperty("equalTo") @Nullable String equalTo,
    @JsonProperty("contains") @Nullable String contains,
    @JsonProperty("matches") @Nullable String matches,
    @JsonProperty("equalToJson") @Nullable JsonNode equalToJson) {

  /** Bind a matcher written as a mapping. */
  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public MatchSpec {}

  /** Bind a matcher written as a plain string: the value, exactly. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static MatchSpec equalTo(String value) {
    return new MatchSpec(value, null, null, null);
  }

  /** Return a matcher for a value that contains {@code part}. */
  public static MatchSpec containing(String part) {
    return new MatchSpec(null, part, null, null);
  }

  /** Return a matcher for JSON equal to {@code json}. */
  public static MatchSpec equalToJson(JsonNode json) {
    return new MatchSpec(null, null, null, json);
  }

  int count() {
    return (equalTo != null ? 1 : 0)
        + (contains != null ? 1 : 0)
        + (matches != null ? 1 : 0)
        + (equalToJson != null ? 1 : 0);
  }
}
