package dev.gauntlet.loop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.gauntlet.agent.Action;
import dev.gauntlet.sandbox.ToolResult;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Stand for one step as the detectors compare steps: the action (tool and arguments as canonical
 * JSON, keys sorted) and the result the agent observed (status, reason code, and the text it read),
 * hashed to 128 bits so that a detector's memory does not grow with the output. Two steps are
 * identical when their fingerprints are equal.
 *
 * <p>Structured result data is left out: it holds measurements (a command's duration) that differ
 * between identical attempts, and the agent reads the text.
 *
 * @param failing whether the result was an error
 * @param description the action and result in one short line, for evidence
 */
record Fingerprint(long high, long low, boolean failing, String description) {

  private static final int DESCRIPTION_LIMIT = 120;

  private static final JsonMapper CANONICAL =
      JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();

  static Fingerprint of(Action action, ToolResult result) {
    String arguments = canonical(action.arguments());
    String status = result.status().name().toLowerCase(Locale.ROOT);
    String reason = result.reason() == null ? "" : result.reason();
    MessageDigest digest = sha256();
    for (String part : new String[] {action.tool(), arguments, status, reason, result.output()}) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
      digest.update(bytes);
    }
    ByteBuffer hash = ByteBuffer.wrap(digest.digest());
    String outcome = result.status() == ToolResult.Status.OK ? "ok" : status + " " + reason;
    String description = shorten(action.tool() + " " + arguments) + " → " + outcome;
    return new Fingerprint(
        hash.getLong(), hash.getLong(), result.status() != ToolResult.Status.OK, description);
  }

  /** Compare only the hash: the description is for people. */
  boolean sameAs(Fingerprint other) {
    return high == other.high && low == other.low;
  }

  static String canonical(JsonNode node) {
    try {
      return CANONICAL.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A JSON tree always serialises", e);
    }
  }

  private static String shorten(String text) {
    return text.length() <= DESCRIPTION_LIMIT
        ? text
        : text.substring(0, DESCRIPTION_LIMIT - 1) + "…";
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }
}
