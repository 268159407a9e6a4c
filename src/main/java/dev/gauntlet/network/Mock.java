package dev.gauntlet.network;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathTemplate;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import com.github.tomakehurst.wiremock.matching.UrlPattern;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * One checked mock: how it matches, and its answers. Its WireMock stub matches only requests that
 * carry its scope and host in the gateway's headers, so scenarios sharing the server never see each
 * other's stubs.
 *
 * @param label how reports name the mock, e.g. {@code GET api.example.com /items/{id}}
 */
record Mock(
    String label,
    String host,
    @Nullable String method,
    UrlPattern path,
    Map<String, MatchSpec> query,
    Map<String, MatchSpec> headers,
    @Nullable MatchSpec body,
    List<Reply> replies,
    List<Schedule> schedules) {

  /**
   * One answer.
   *
   * @param fault a fault instead of a response, or null
   */
  record Reply(
      int status, Map<String, String> headers, byte[] body, int delayMs, @Nullable Fault fault) {}

  /** A fault that replaces the answer to some requests. */
  record Schedule(
      Fault fault, Set<Integer> requests, Set<Integer> steps, double probability, long seed) {

    boolean fires(int request, int step) {
      if (requests.contains(request) || steps.contains(step)) {
        return true;
      }
      if (probability <= 0) {
        return false;
      }
      // A draw per request number, so that a rerun faults the same requests whatever came before.
      return new SplittableRandom(seed ^ (request * 0x9E3779B97F4A7C15L)).nextDouble()
          < probability;
    }
  }

  /**
   * Return this mock with its probability faults that name no seed (seed 0) drawing from {@code
   * trialSeed} instead; unchanged when {@code trialSeed} is 0.
   */
  Mock withTrialSeed(long trialSeed) {
    if (trialSeed == 0) {
      return this;
    }
    List<Schedule> seeded = new java.util.ArrayList<>();
    for (Schedule schedule : schedules) {
      seeded.add(
          schedule.seed() != 0
              ? schedule
              : new Schedule(
                  schedule.fault(),
                  schedule.requests(),
                  schedule.steps(),
                  schedule.probability(),
                  trialSeed));
    }
    return new Mock(label, host, method, path, query, headers, body, replies, seeded);
  }

  static UrlPattern pathPattern(@Nullable String path, @Nullable String regex) {
    if (regex != null) {
      return urlPathMatching(regex);
    }
    String exact = path == null ? "/" : path;
    return exact.indexOf('{') >= 0 ? urlPathTemplate(exact) : urlPathEqualTo(exact);
  }

  /** Return the reply to the {@code request}-th request (from 1) that this mock matches. */
  Reply reply(int request, int step) {
    for (Schedule schedule : schedules) {
      if (schedule.fires(request, step)) {
        return new Reply(0, Map.of(), new byte[0], 0, schedule.fault());
      }
    }
    return replies.get(Math.min(request, replies.size()) - 1);
  }

  MappingBuilder mapping(String scope, String transformer) {
    RequestMethod requestMethod =
        method == null ? RequestMethod.ANY : RequestMethod.fromString(method);
    MappingBuilder mapping =
        WireMock.request(requestMethod.getName(), path)
            .withHeader(EgressGateway.SCOPE_HEADER, equalTo(scope))
            .withHeader(EgressGateway.HOST_HEADER, equalTo(host))
            .withName(label)
            .withMetadata(Map.of(MockServer.SCOPE_METADATA, scope))
            .willReturn(aResponse().withTransformers(transformer));
    for (Map.Entry<String, MatchSpec> entry : query.entrySet()) {
      mapping = mapping.withQueryParam(entry.getKey(), pattern(entry.getValue()));
    }
    for (Map.Entry<String, MatchSpec> entry : headers.entrySet()) {
      mapping = mapping.withHeader(entry.getKey(), pattern(entry.getValue()));
    }
    if (body != null) {
      mapping = mapping.withRequestBody(pattern(body));
    }
    return mapping;
  }

  private static StringValuePattern pattern(MatchSpec spec) {
    if (spec.equalToJson() != null) {
      return equalToJson(spec.equalToJson().toString());
    }
    if (spec.contains() != null) {
      return containing(spec.contains());
    }
    if (spec.matches() != null) {
      return matching(spec.matches());
    }
    return equalTo(String.valueOf(spec.equalTo()));
  }
}
