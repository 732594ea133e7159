package io.sendense.webapp.dashboard;

import java.util.List;

/**
 * The "Get started" steps a new hub shows on its dashboard until its first restore point exists:
 * add a vCenter (and trust its certificate, so its VMs are discovered), accept or add a repository,
 * create a flow, run it. Each step is done from what the catalog holds, so it ticks off by itself.
 *
 * @param shown whether the dashboard shows the panel: no complete restore point yet
 * @param steps the steps in order
 */
public record GettingStarted(boolean shown, List<Step> steps) {

  /** What the catalog holds that the steps depend on. */
  public record Catalog(
      long sources, long vms, long repositories, long flows, long flowRuns, long restorePoints) {}

  /**
   * One step.
   *
   * @param id stable key for pages and tests ("source", "repository", "flow", "run")
   * @param done whether the catalog shows the step done
   * @param state what the catalog shows for this step now, in words
   * @param outcome the page where the step is done
   */
  public record Step(String id, String title, boolean done, String state, String outcome) {}

  public static GettingStarted of(Catalog c) {
    return new GettingStarted(
        c.restorePoints() == 0, List.of(source(c), repository(c), flow(c), run(c)));
  }

  /** Steps done, for "2 of 4 done". */
  public long done() {
    return steps.stream().filter(Step::done).count();
  }

  private static Step source(Catalog c) {
    String state;
    if (c.sources() == 0) {
      state = "No vCenter yet.";
    } else if (c.vms() == 0) {
      state =
          "A vCenter is added but none of its VMs is discovered yet: trust its certificate, then"
              + " Discover now.";
    } else {
      state = count(c.vms(), "VM") + " discovered from " + count(c.sources(), "source") + ".";
    }
    return new Step("source", "Add a vCenter", c.vms() > 0, state, "/sources/source-list");
  }

  private static Step repository(Catalog c) {
    String state =
        c.repositories() == 0
            ? "No repository yet: add a local folder, NFS or SMB share."
            : count(c.repositories(), "repository", "repositories")
                + " ready (the hub adds a local one on its first start).";
    return new Step(
        "repository",
        "Choose where backups go",
        c.repositories() > 0,
        state,
        "/repositories/repository-list");
  }

  private static Step flow(Catalog c) {
    String state =
        c.flows() == 0 ? "No protection flow yet." : count(c.flows(), "protection flow") + ".";
    return new Step("flow", "Protect VMs with a flow", c.flows() > 0, state, "/flows/flow-list");
  }

  private static Step run(Catalog c) {
    String state;
    if (c.flowRuns() == 0) {
      state = c.flows() == 0 ? "Create a flow first." : "No flow has run yet: Run now.";
    } else {
      state =
          count(c.flowRuns(), "run")
              + " started, no restore point complete yet: the Jobs page shows its progress.";
    }
    return new Step("run", "Run it", c.flowRuns() > 0, state, "/flows/flow-list");
  }

  private static String count(long n, String one) {
    return count(n, one, one + "s");
  }

  private static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
