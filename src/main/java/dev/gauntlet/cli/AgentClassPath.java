package dev.gauntlet.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The class path on which {@code agent: { java: … }} classes are found when scenarios run from the
 * command line, written as {@code java -cp} takes it: entries split by the platform's separator,
 * and {@code folder/*} for every jar in a folder.
 */
final class AgentClassPath {

  private final List<URL> urls;

  private AgentClassPath(List<URL> urls) {
    this.urls = List.copyOf(urls);
  }

  /**
   * Read the option's values; every entry must exist.
   *
   * @throws ParameterException naming the entry that does not
   */
  static AgentClassPath parse(CommandLine commandLine, List<String> values) {
    List<URL> urls = new ArrayList<>();
    for (String value : values) {
      for (String entry : value.split(Pattern.quote(File.pathSeparator))) {
        if (!entry.isEmpty()) {
          urls.addAll(entryUrls(commandLine, entry));
        }
      }
    }
    return new AgentClassPath(urls);
  }

  boolean isEmpty() {
    return urls.isEmpty();
  }

  /**
   * Return a loader of these entries whose parent is {@code parent}, so that agents see Gauntlet's
   * own classes, the {@code Agent} contract first of all, as the ones the engine uses.
   */
  URLClassLoader loader(ClassLoader parent) {
    return new URLClassLoader("gauntlet-agents", urls.toArray(URL[]::new), parent);
  }

  private static List<URL> entryUrls(CommandLine commandLine, String entry) {
    boolean allJars = entry.equals("*") || entry.endsWith(File.separator + "*");
    Path path = Path.of(allJars ? entry.substring(0, entry.length() - 1) : entry);
    if (!Files.exists(path)) {
      throw new ParameterException(
          commandLine,
          "The --class-path entry '"
              + entry
              + "' does not exist; give jars and class folders, or folder/* for every jar in a"
              + " folder");
    }
    if (!allJars) {
      return List.of(url(path));
    }
    try (Stream<Path> files = Files.list(path)) {
      return files
          .filter(file -> file.getFileName().toString().endsWith(".jar"))
          .sorted()
          .map(AgentClassPath::url)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the jars in " + path, e);
    }
  }

  private static URL url(Path path) {
    try {
      return path.toAbsolutePath().toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("Cannot name " + path + " as a URL", e);
    }
  }
}
