package dev.gauntlet.network;

import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Report what came of one request through the egress gateway, after any redirects it followed. A
 * denial looks like a proxy's refusal: status 403 and the header {@code X-Gauntlet-Denied:
 * <reason>}.
 *
 * @param verdict the gateway's decision on the last hop
 * @param url the URL of the last hop
 * @param redirects how many redirects the gateway followed
 * @param status the status, or 0 when no response came
 * @param headers the response headers
 * @param body the response body
 * @param error why no response came ({@code reset}, {@code empty}, {@code malformed}, {@code
 *     timeout}, {@code no_mock}, {@code io}), or null
 * @param message one sentence for the agent when denied or failed; empty otherwise
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Exchange(
    Verdict verdict,
    String url,
    int redirects,
    int status,
    Map<String, List<String>> headers,
    byte[] body,
    @Nullable String error,
    String message) {

  /** Whether a response came back from a mock. */
  public boolean answered() {
    return verdict.allowed() && error == null;
  }
}
