package dev.gauntlet.report;

import dev.gauntlet.loop.ScenarioResult;
import dev.gauntlet.scenario.SeedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Describe a workspace as it was left: its files with their sizes, and how they differ from the
 * seed files. A passing scenario's workspace is deleted before reports are written, unless it was
 * kept, so then only the seed files can be named.
 */
final class WorkspaceListing {

  /** The most files named, so that a workspace of any size gives a readable listing. */
  static final int MAX_FILES = 500;

  private WorkspaceListing() {}

  /** Return the listing and the comparison with the seed files, as plain text. */
  static String of(ScenarioResult result) throws IOException {
    List<SeedFile> seeds = result.scenario().seeds();
    Path root = result.workspace();
    if (!result.workspaceKept() || !Files.isDirectory(root)) {
      StringBuilder text =
          new StringBuilder(
              "The workspace was deleted after the run because the scenario passed; run with"
                  + " --keep-workspaces (or set workspace.keep: true) to list it here.\n");
      text.append("\nSeed files (").append(seeds.size()).append("):\n");
      seeds.stream()
          .map(SeedFile::path)
          .sorted()
          .forEach(path -> text.append("  ").append(path).append('\n'));
      return text.toString();
    }
    Map<String, Long> sizes = new HashMap<>();
    TreeSet<String> files = new TreeSet<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            String name = root.relativize(file).toString().replace('\\', '/');
            files.add(name);
            sizes.put(name, attributes.size());
            return FileVisitResult.CONTINUE;
          }
        });
    StringBuilder text = new StringBuilder("Workspace " + root + "\n\n");
    text.append(files.size()).append(files.size() == 1 ? " file:\n" : " files:\n");
    int listed = 0;
    for (String file : files) {
      if (listed++ == MAX_FILES) {
        text.append("  … and ").append(files.size() - MAX_FILES).append(" more\n");
        break;
      }
      text.append(String.format("%10d B  %s%n", sizes.get(file), file));
    }
    text.append("\nCompared with the seed files:\n");
    text.append(diff(root, seeds, files));
    return text.toString();
  }

  private static String diff(Path root, List<SeedFile> seeds, Set<String> files)
      throws IOException {
    StringBuilder diff = new StringBuilder();
    Set<String> seeded = new HashSet<>();
    int same = 0;
    for (SeedFile seed : seeds) {
      String path = normal(seed.path());
      seeded.add(path);
      if (!files.contains(path)) {
        diff.append("  - deleted  ").append(seed.path()).append('\n');
      } else if (!Arrays.equals(
          Files.readAllBytes(root.resolve(path)),
          seed.content().getBytes(StandardCharsets.UTF_8))) {
        diff.append("  ~ changed  ").append(seed.path()).append('\n');
      } else {
        same++;
      }
    }
    int added = 0;
    for (String file : files) {
      if (!seeded.contains(file)) {
        if (added++ < MAX_FILES) {
          diff.append("  + added    ").append(file).append('\n');
        }
      }
    }
    if (added > MAX_FILES) {
      diff.append("  … and ").append(added - MAX_FILES).append(" more added\n");
    }
    diff.append("  ").append(same).append(" seed files unchanged\n");
    return diff.toString();
  }

  private static String normal(String path) {
    return Path.of(path).normalize().toString().replace('\\', '/');
  }
}
