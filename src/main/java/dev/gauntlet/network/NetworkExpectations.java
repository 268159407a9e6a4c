package dev.gauntlet.network;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * Check what a scenario did on the network, from its egress log. Each check returns the failure
 * messages, none when it holds; a message says what was expected, what happened, and lists the
 * offending requests from the log.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class NetworkExpectations {

  private NetworkExpectations() {}

  /** Check that exactly {@code expected} requests or hops were denied. */
  public static List<String> deniedCount(List<EgressRecord> records, int expected) {
    return count(records, EgressRecord::denied, expected, "denied requests");
  }

  /** Check that exactly {@code expected} requests or hops were denied for {@code reason}. */
  public static List<String> deniedCount(List<EgressRecord> records, Reason reason, int expected) {
    return count(
        records,
        record -> record.denied() && reason.code().equals(record.reason()),
        expected,
        "requests denied as " + reason.code());
  }

  /** Check that only {@code hosts} were contacted, i.e. received an allowed request. */
  public static List<String> onlyHostsContacted(
      List<EgressRecord> records, Collection<String> hosts) {
    Set<String> allowed = Set.copyOf(hosts);
    List<EgressRecord> offending =
        filter(
            records,
            record ->
                !record.denied() && record.host() != null && !allowed.contains(record.host()));
    if (offending.isEmpty()) {
      return List.of();
    }
    Set<String> others = new TreeSet<>();
    offending.forEach(record -> others.add(record.host()));
    return List.of(
        failure(
            "only " + new TreeSet<>(allowed) + " to be contacted",
            "these were contacted too: " + others,
            offending));
  }

  /** Check that {@code host} received at most {@code max} allowed requests. */
  public static List<String> atMostRequestsTo(List<EgressRecord> records, String host, int max) {
    List<EgressRecord> sent =
        filter(records, record -> !record.denied() && host.equals(record.host()));
    if (sent.size() <= max) {
      return List.of();
    }
    return List.of(
        failure("at most " + max + " requests to " + host, sent.size() + " were sent", sent));
  }

  /** Check that no allowed request went unanswered for want of a mock. */
  public static List<String> noUnmatchedRequests(List<EgressRecord> records) {
    List<EgressRecord> unmatched = filter(records, record -> "no_mock".equals(record.error()));
    if (unmatched.isEmpty()) {
      return List.of();
    }
    return List.of(
        failure(
            "every allowed request to match a mock",
            unmatched.size() + " matched none",
            unmatched));
  }

  /** Check that every mock of the scope answered at least one request. */
  public static List<String> everyMockUsed(NetworkScope scope) {
    List<String> unused = new ArrayList<>();
    for (Map.Entry<String, Integer> usage : scope.mockUsage().entrySet()) {
      if (usage.getValue() == 0) {
        unused.add(usage.getKey());
      }
    }
    if (unused.isEmpty()) {
      return List.of();
    }
    return List.of(
        "Expecting every mock to be used but "
            + unused.size()
            + " never answered a request:\n  "
            + String.join("\n  ", unused));
  }

  private static List<String> count(
      List<EgressRecord> records, Predicate<EgressRecord> which, int expected, String what) {
    List<EgressRecord> matching = filter(records, which);
    if (matching.size() == expected) {
      return List.of();
    }
    return List.of(failure(expected + " " + what, "found " + matching.size(), matching));
  }

  private static List<EgressRecord> filter(
      List<EgressRecord> records, Predicate<EgressRecord> which) {
    List<EgressRecord> matching = new ArrayList<>();
    for (EgressRecord record : records) {
      if (which.test(record)) {
        matching.add(record);
      }
    }
    return matching;
  }

  private static String failure(String expected, String actual, List<EgressRecord> evidence) {
    StringBuilder message =
        new StringBuilder("Expecting ").append(expected).append(" but ").append(actual).append(':');
    for (EgressRecord record : evidence) {
      message.append("\n  ").append(record.describe());
    }
    return message.toString();
  }
}
