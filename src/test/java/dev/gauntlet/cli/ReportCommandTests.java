package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The report command empties its output folder before the report is written, so it must refuse any
 * folder whose contents are not its own to lose. These refusals come before the Allure command line
 * is looked for, so none is needed here.
 */
class ReportCommandTests {

  @TempDir Path dir;

  private Path results;

  @BeforeEach
  void writeResults() throws IOException {
    results = Files.createDirectories(dir.resolve("reports/allure-results"));
    Files.writeString(results.resolve("a-result.json"), "{}");
  }

  @Test
  void refusesTheResultsFolderAsOutputAndKeepsTheResults() {
    Result result = report("--output", results.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("overlaps the results");
    assertThat(results.resolve("a-result.json")).exists();
  }

  @Test
  void refusesAFolderThatHoldsTheResults() {
    Result result = report("--output", dir.resolve("reports").toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("overlaps the results");
    assertThat(results.resolve("a-result.json")).exists();
  }

  @Test
  void refusesAFolderInsideTheResults() {
    Result result = report("--output", results.resolve("html").toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("overlaps the results");
  }

  @Test
  void refusesTheResultsUnderAnotherNameThroughALink() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("link"), results);

    Result result = report("--output", link.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("overlaps the results");
  }

  @Test
  void refusesAFolderOfOtherFilesAndLeavesThemThere() throws IOException {
    Path notes = Files.createDirectories(dir.resolve("notes"));
    Files.writeString(notes.resolve("todo.txt"), "keep me");

    Result result = report("--output", notes.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains(notes.toString())
        .contains("holds files that are not an Allure report");
    assertThat(notes.resolve("todo.txt")).hasContent("keep me");
  }

  @Test
  void acceptsAnEarlierReportAsOutput() throws IOException {
    Path earlier = dir.resolve("allure-report");
    Files.createDirectories(earlier.resolve("widgets"));
    Files.writeString(earlier.resolve("index.html"), "<html></html>");

    Result result = report("--output", earlier.toString());

    assertThat(result.err()).doesNotContain("report folder").contains("No Allure command line");
  }

  @Test
  void acceptsAnEmptyOrNewFolderAsOutput() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));

    assertThat(report("--output", empty.toString()).err()).contains("No Allure command line");
    assertThat(report("--output", dir.resolve("new").toString()).err())
        .contains("No Allure command line");
  }

  private Result report(String... options) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = Main.commandLine();
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    String[] args = new String[options.length + 5];
    args[0] = "report";
    args[1] = "--results";
    args[2] = results.toString();
    args[3] = "--allure";
    args[4] = dir.resolve("no-allure-here").toString();
    System.arraycopy(options, 0, args, 5, options.length);
    int exitCode = command.execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  private record Result(int exitCode, String out, String err) {}
}
