package dev.gauntlet.agent.external;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Describe an external agent: the program to start and how long it may take.
 *
 * @param command the program and its arguments, e.g. {@code [python3, agents/notes_agent.py]}
 * @param directory the folder the program runs in
 * @param environment variables added to the harness's own environment; none may be null
 * @param startTimeout the most time from starting the program to its {@code ready} line
 * @param stepTimeout the most time the program may take to answer one observation
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ExternalSettings(
    List<String> command,
    Path directory,
    Map<String, String> environment,
    Duration startTimeout,
    Duration stepTimeout) {

  /** Check every value; the messages name the setting and the rule. */
  public ExternalSettings {
    for (int i = 0; i < command.size(); i++) {
      if (command.get(i) == null) {
        throw new IllegalArgumentException(noValue("agent.external.command[" + i + "]"));
      }
    }
    environment.forEach(
        (name, value) -> {
          if (value == null) {
            throw new IllegalArgumentException(noValue("agent.external.env." + name));
          }
        });
    if (command.isEmpty() || command.get(0).isBlank()) {
      throw new IllegalArgumentException("agent.external.command must name a program");
    }
    if (startTimeout.isNegative() || startTimeout.isZero()) {
      throw new IllegalArgumentException(
          "agent.external.startTimeout must be positive, not " + startTimeout);
    }
    if (stepTimeout.isNegative() || stepTimeout.isZero()) {
      throw new IllegalArgumentException(
          "agent.external.stepTimeout must be positive, not " + stepTimeout);
    }
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
  }

  private static String noValue(String setting) {
    return setting + " has no value; write one, or \"\" for an empty string";
  }

  /** Return settings for a command run in {@code directory}, with 10 s to start and 30 s a step. */
  public static ExternalSettings of(List<String> command, Path directory) {
    return new ExternalSettings(
        command, directory, Map.of(), Duration.ofSeconds(10), Duration.ofSeconds(30));
  }

  /** Return these settings with another step deadline. */
  public ExternalSettings withStepTimeout(Duration value) {
    return new ExternalSettings(command, directory, environment, startTimeout, value);
  }

  /** Return these settings with another start deadline. */
  public ExternalSettings withStartTimeout(Duration value) {
    return new ExternalSettings(command, directory, environment, value, stepTimeout);
  }
}
