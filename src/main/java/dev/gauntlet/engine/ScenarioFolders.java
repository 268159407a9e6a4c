package dev.gauntlet.engine;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.platform.commons.io.ResourceFilter;

/**
 * Decide which files are scenario files: names ending in {@code .yaml} or {@code .yml}, outside
 * folders named {@code policies}, {@code cassettes} or {@code fixtures} and outside hidden folders,
 * because those hold files that scenarios use. Hidden files are never scenario files.
 */
final class ScenarioFolders {

  /** Folders that hold what scenarios use, never scenarios. */
  static final Set<String> SKIPPED_FOLDERS = Set.of("policies", "cassettes", "fixtures");

  /** Scenario files found as class path resources, by the same rule. */
  static final ResourceFilter RESOURCES =
      ResourceFilter.of(resource -> isScenarioResource(resource.getName()));

  private ScenarioFolders() {}

  /** Whether a file, judged by its name alone, is a scenario file. */
  static boolean isScenarioFileName(Path file) {
    Path name = file.getFileName();
    return name != null && isScenarioFileName(name.toString());
  }

  /** Every scenario file below a folder, sorted, skipping folders by the rule of this class. */
  static List<Path> scenarioFiles(Path folder) throws IOException {
    List<Path> files = new ArrayList<>();
    Files.walkFileTree(
        folder,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            boolean skipped = !dir.equals(folder) && isSkippedFolder(dir.getFileName().toString());
            return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (attributes.isRegularFile() && isScenarioFileName(file)) {
              files.add(file);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    Collections.sort(files);
    return files;
  }

  /** Whether a resource name such as {@code dev/app/checkout.yaml} names a scenario file. */
  static boolean isScenarioResource(String name) {
    String[] parts = name.split("/", -1);
    for (int i = 0; i < parts.length - 1; i++) {
      if (isSkippedFolder(parts[i])) {
        return false;
      }
    }
    return isScenarioFileName(parts[parts.length - 1]);
  }

  private static boolean isSkippedFolder(String name) {
    return name.startsWith(".") || SKIPPED_FOLDERS.contains(name);
  }

  /** Whether a file name such as {@code checkout.yaml} names a scenario file. */
  static boolean isScenarioFileName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return !name.startsWith(".") && (lower.endsWith(".yaml") || lower.endsWith(".yml"));
  }
}
