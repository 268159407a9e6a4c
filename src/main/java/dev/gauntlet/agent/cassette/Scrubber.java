package dev.gauntlet.agent.cassette;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Remove what must not be written into a cassette. Request headers are never kept (the key travels
 * in them, and replay does not match on them); answer headers are kept only when replay needs them:
 * the content type and what a recovery policy reads (retry and rate-limit headers). Organisation,
 * project, request ids, cookies and the like are dropped. The secrets' values are replaced wherever
 * they appear in paths and bodies.
 */
final class Scrubber {

  static final String REDACTED = "[redacted]";

  private static final List<String> KEPT = List.of("content-type", "retry-after", "x-should-retry");
  private static final List<String> KEPT_PREFIXES =
      List.of("retry-after", "x-ratelimit-", "anthropic-ratelimit-");

  private final List<String> secrets;

  Scrubber(List<String> secrets) {
    this.secrets = secrets.stream().filter(secret -> !secret.isBlank()).toList();
  }

  static boolean kept(String header) {
    String name = header.toLowerCase(Locale.ROOT);
    return KEPT.contains(name) || KEPT_PREFIXES.stream().anyMatch(name::startsWith);
  }

  Map<String, String> headers(@Nullable HttpHeaders headers) {
    Map<String, String> kept = new LinkedHashMap<>();
    if (headers == null) {
      return kept;
    }
    for (HttpHeader header : headers.all()) {
      if (kept(header.key())) {
        kept.put(header.key(), text(header.firstValue()));
      }
    }
    return kept;
  }

  Exchange exchange(Exchange exchange) {
    return new Exchange(
        exchange.method(),
        text(exchange.path()),
        json(exchange.request()),
        exchange.status(),
        exchange.headers(),
        json(exchange.body()));
  }

  String text(String text) {
    String out = text;
    for (String secret : secrets) {
      out = out.replace(secret, REDACTED);
    }
    return out;
  }

  private JsonNode json(JsonNode node) {
    if (node.isTextual()) {
      return TextNode.valueOf(text(node.textValue()));
    }
    if (node.isObject()) {
      ObjectNode copy = ((ObjectNode) node).objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        copy.set(text(field.getKey()), json(field.getValue()));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = ((ArrayNode) node).arrayNode();
      node.forEach(item -> copy.add(json(item)));
      return copy;
    }
    return node;
  }
}
