package dev.gauntlet.engine;

import dev.gauntlet.loop.Refusal;
import dev.gauntlet.scenario.Origin;
import dev.gauntlet.scenario.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;
import org.junit.platform.engine.support.hierarchical.Node;

/** Root the files of one discovery, and write the run summary once every scenario has run. */
final class GauntletEngineDescriptor extends EngineDescriptor
    implements Node<GauntletExecutionContext> {

  private final List<Refusal> refusals = new ArrayList<>();

  GauntletEngineDescriptor(UniqueId uniqueId) {
    super(uniqueId, "Gauntlet");
  }

  /**
   * Keep every refusal of this discovery, after sharding but before the launcher's tag filters: a
   * file that cannot load has no tags to match, and its problems were reported as discovery issues
   * whatever the filters, so the summary and reports must count it too.
   */
  void keepRefusals(DiscoveryIssueReporter issues) {
    for (TestDescriptor child : getChildren()) {
      if (child instanceof BrokenFileDescriptor broken) {
        refusals.add(broken.refusal());
        broken.issues().forEach(issues::reportIssue);
      }
      for (TestDescriptor grandchild : child.getChildren()) {
        if (grandchild instanceof ProblemDescriptor problem) {
          refusals.add(problem.refusal());
          issues.reportIssue(problem.issue());
        }
      }
    }
  }

  /**
   * Order files by their unique id and scenarios by their line, whatever order selectors came in.
   */
  void sortFiles() {
    orderChildren(
        files ->
            files.stream()
                .sorted(Comparator.comparing(file -> file.getUniqueId().toString()))
                .collect(Collectors.toList()));
    for (TestDescriptor file : getChildren()) {
      if (file instanceof FileDescriptor scenarios) {
        scenarios.sortByLine();
      }
    }
  }

  /**
   * Refuse every scenario whose id an earlier one already has, since both would write the same
   * trace folder; the earlier one, in file order, still runs. The later one becomes a failing test
   * at the value of its {@code id}, as an id used twice within one file does.
   */
  void refuseDuplicateIds() {
    Map<String, Origin> firsts = new HashMap<>();
    for (TestDescriptor child : getChildren()) {
      if (!(child instanceof FileDescriptor file)) {
        continue;
      }
      boolean refused = false;
      for (TestDescriptor scenario : List.copyOf(file.getChildren())) {
        if (scenario instanceof ScenarioDescriptor descriptor) {
          Origin at = file.idOrigin(descriptor.scenario());
          Origin first = firsts.putIfAbsent(descriptor.scenario().id(), at);
          if (first != null) {
            Problem problem = duplicate(descriptor.scenario().id(), at, first);
            file.refuse(descriptor, problem);
            refused = true;
          }
        }
      }
      if (refused) {
        file.sortByLine();
      }
    }
  }

  /**
   * Register the run, so that an interrupt of the whole process can stop it, and record what was
   * refused before anything runs.
   */
  @Override
  public GauntletExecutionContext prepare(GauntletExecutionContext context) {
    context.cancellation().register();
    refusals.forEach(context::refused);
    return context;
  }

  @Override
  public void after(GauntletExecutionContext context) {
    context.cancellation().unregister();
    try {
      if (TestDescriptor.containsTests(this) || !refusals.isEmpty()) {
        context.reports().runFinished();
        Path summary = context.summary().write();
        context
            .listener()
            .reportingEntryPublished(this, ReportEntry.from("summary", summary.toString()));
      }
    } finally {
      context.runner().close();
    }
  }

  private static Problem duplicate(String id, Origin at, Origin first) {
    return new Problem(
        at.file(),
        at.line(),
        at.column(),
        "id",
        "duplicate id '"
            + id
            + "', already used at "
            + first
            + "; ids must be unique across a run, so this scenario does not run");
  }
}
