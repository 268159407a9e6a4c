package dev.gauntlet.expect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import dev.gauntlet.loop.Finding;
import dev.gauntlet.sandbox.Resolution;
import dev.gauntlet.sandbox.Workspace;
import dev.gauntlet.scenario.ExpectSpec;
import dev.gauntlet.scenario.FileExpectation;
import dev.gauntlet.scenario.FindingExpectation;
import dev.gauntlet.scenario.Outcome;
import dev.gauntlet.scenario.RecoveryExpectation;
import dev.gauntlet.scenario.StepBounds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.assertj.core.api.Assertions;
import org.jspecify.annotations.Nullable;

/**
 * Check a scenario's expectations against how its run ended and what its workspace holds. Every
 * expectation is checked; all that fail are returned together, each in AssertJ's layout.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Expectations {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Expectations() {}

  /**
   * What a run ended with, as the expectations see it, with what the detectors found on the way.
   */
  public record Ending(Outcome outcome, String message, int steps, List<Finding> findings) {}

  /** Return one message per failed expectation; empty when all hold. */
  public static List<String> check(ExpectSpec expect, Ending ending, Workspace workspace) {
    Softly softly = new Softly();
    softly.check(
        () ->
            Assertions.assertThat(ending.outcome().key())
                .as("outcome (the run ended: %s)", ending.message())
                .isEqualTo(expect.outcome().key()));
    checkSteps(softly, expect.steps(), ending.steps());
    for (Map.Entry<String, FileExpectation> file : expect.files().entrySet()) {
      checkFile(softly, file.getKey(), file.getValue(), workspace);
    }
    List<String> failures = new ArrayList<>(softly.failures);
    List<FindingExpectation> wanted = new ArrayList<>(expect.findings());
    RecoveryExpectation recovery = expect.recovery();
    if (recovery != null) {
      wanted.addAll(recovery.findings());
    }
    failures.addAll(FindingChecks.check("the run", wanted, ending.findings()));
    return failures;
  }

  private static void checkSteps(Softly softly, @Nullable StepBounds bounds, int steps) {
    if (bounds == null) {
      return;
    }
    Integer atLeast = bounds.atLeast();
    Integer atMost = bounds.atMost();
    if (atLeast != null) {
      softly.check(
          () -> Assertions.assertThat(steps).as("number of steps").isGreaterThanOrEqualTo(atLeast));
    }
    if (atMost != null) {
      softly.check(
          () -> Assertions.assertThat(steps).as("number of steps").isLessThanOrEqualTo(atMost));
    }
  }

  private static void checkFile(
      Softly softly, String path, FileExpectation expectation, Workspace workspace) {
    String where = "workspace file '" + path + "' (" + expectation.origin() + ")";
    Resolution resolution = workspace.resolve(path);
    if (resolution instanceof Resolution.Refused refused) {
      softly.fail("Expecting %s to lie inside the workspace, but: %s", where, refused.message());
      return;
    }
    Path file = ((Resolution.Inside) resolution).target();
    boolean exists = Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
    Boolean wanted = expectation.exists();
    if (wanted != null) {
      softly.check(() -> Assertions.assertThat(exists).as("%s exists", where).isEqualTo(wanted));
    }
    if (!needsContent(expectation)) {
      return;
    }
    if (!exists) {
      softly.fail(
          "Expecting %s to exist so that its content can be checked, but it does not.", where);
      return;
    }
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      softly.fail("Expecting %s to be readable as UTF-8 text, but: %s", where, e.getMessage());
      return;
    }
    checkContent(softly, where, expectation, content);
  }

  private static boolean needsContent(FileExpectation expectation) {
    return expectation.equals() != null
        || expectation.contains() != null
        || expectation.matches() != null
        || !expectation.json().isEmpty();
  }

  private static void checkContent(
      Softly softly, String where, FileExpectation expectation, String content) {
    String equals = expectation.equals();
    if (equals != null) {
      softly.check(
          () -> Assertions.assertThat(content).as("content of %s", where).isEqualTo(equals));
    }
    String contains = expectation.contains();
    if (contains != null) {
      softly.check(
          () -> Assertions.assertThat(content).as("content of %s", where).contains(contains));
    }
    String matches = expectation.matches();
    if (matches != null) {
      softly.check(
          () ->
              Assertions.assertThat(content)
                  .as("content of %s", where)
                  .containsPattern(Pattern.compile(matches)));
    }
    for (Map.Entry<String, JsonNode> check : expectation.json().entrySet()) {
      checkJson(softly, where, check.getKey(), check.getValue(), content);
    }
  }

  private static void checkJson(
      Softly softly, String where, String path, JsonNode wanted, String content) {
    JsonNode actual;
    try {
      actual = JSON.valueToTree(JsonPath.read(content, path));
    } catch (InvalidPathException | IllegalArgumentException e) {
      softly.fail(
          "Expecting JSON path %s in %s to have the value %s, but: %s",
          path, where, wanted, e.getMessage());
      return;
    }
    softly.check(
        () ->
            Assertions.assertThat(JsonValues.equal(actual, wanted))
                .as("JSON path %s in %s is %s (it is %s)", path, where, wanted, actual)
                .isTrue());
  }

  /**
   * Collect the failures of many checks instead of stopping at the first. AssertJ's own soft
   * assertions would do, but they build proxy classes at run time, which on Java 24 and later warns
   * of a terminally deprecated {@code sun.misc.Unsafe} call in every run.
   */
  private static final class Softly {

    final List<String> failures = new ArrayList<>();

    void check(Runnable assertion) {
      try {
        assertion.run();
      } catch (AssertionError e) {
        failures.add(String.valueOf(e.getMessage()).strip());
      }
    }

    void fail(String format, @Nullable Object... arguments) {
      failures.add(String.format(format, arguments));
    }
  }
}
