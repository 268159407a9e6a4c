package dev.gauntlet.cli;

import dev.gauntlet.network.EgressLog;
import dev.gauntlet.network.EgressRecord;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One request whose verdict differs between two runs of a scenario trial. Requests are matched by
 * step, redirect hop, method and URL, as {@code egress.jsonl} records them; a request made in one
 * run only (the agent took another path) changed from or to {@code none}.
 *
 * @param baseline {@code allow}, {@code deny (reason)} or {@code none}
 * @param candidate the same, under the candidate
 */
record VerdictChange(
    String scenario,
    int trial,
    int step,
    int hop,
    String method,
    String url,
    String host,
    String path,
    String baseline,
    String candidate) {

  private static final String NONE = "none";

  /**
   * Whether the request was made in both runs, so that its verdict, not the agent's path, changed.
   */
  boolean madeInBoth() {
    return !baseline.equals(NONE) && !candidate.equals(NONE);
  }

  /** Compare the egress logs of one trial's two runs. */
  static List<VerdictChange> between(String scenario, int trial, Path before, Path after)
      throws IOException {
    Map<String, EgressRecord> was = byRequest(before);
    Map<String, EgressRecord> is = byRequest(after);
    Map<String, EgressRecord> all = new TreeMap<>(was);
    is.forEach(all::putIfAbsent);
    List<VerdictChange> changes = new ArrayList<>();
    all.forEach(
        (key, request) -> {
          // Only allow and deny count: a request denied in both runs, for another reason, keeps
          // its verdict.
          if (!decision(was.get(key)).equals(decision(is.get(key)))) {
            changes.add(change(scenario, trial, request, was.get(key), is.get(key)));
          }
        });
    changes.sort(Comparator.comparingInt(VerdictChange::step).thenComparingInt(VerdictChange::hop));
    return changes;
  }

  private static VerdictChange change(
      String scenario,
      int trial,
      EgressRecord request,
      @Nullable EgressRecord was,
      @Nullable EgressRecord is) {
    return new VerdictChange(
        scenario,
        trial,
        request.step(),
        request.hop(),
        request.method(),
        request.url(),
        request.host() == null ? "" : request.host(),
        path(request.url()),
        verdict(was),
        verdict(is));
  }

  private static String decision(@Nullable EgressRecord request) {
    return request == null ? NONE : request.decision();
  }

  private static String verdict(@Nullable EgressRecord request) {
    if (request == null) {
      return NONE;
    }
    return request.denied() ? "deny (" + request.reason() + ")" : "allow";
  }

  private static String path(String url) {
    try {
      String path = URI.create(url).getRawPath();
      return path == null || path.isEmpty() ? "/" : path;
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  /** Read an egress log keyed by step, hop, method and URL; empty when the run has none. */
  private static Map<String, EgressRecord> byRequest(Path log) throws IOException {
    Map<String, EgressRecord> records = new LinkedHashMap<>();
    if (!Files.isRegularFile(log)) {
      return records;
    }
    for (EgressRecord request : EgressLog.read(log)) {
      String key =
          String.format(
              Locale.ROOT,
              "%06d %03d %s %s",
              request.step(),
              request.hop(),
              request.method(),
              request.url());
      records.put(key, request);
    }
    return records;
  }
}
