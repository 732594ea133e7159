package io.sendense.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each feature package of the hub depends one way on another: no package of {@code
 * io.sendense.webapp} refers (by import or fully qualified name, comments aside) to one that leads
 * back to it, directly or through others. A new cycle fails this test: invert it (an interface or a
 * CDI event in the lower package, like {@code lifecycle.BackupHolds} or {@code
 * lifecycle.DailySweep}) or move the shared type to the package that owns the concept.
 */
class PackageCyclesTest {
  private static final Path SOURCES = Path.of("src/main/java/io/sendense/webapp");
  private static final Pattern REFERENCE = Pattern.compile("\\bio\\.sendense\\.webapp\\.(\\w+)");
  private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

  @Test
  void noPackageOfTheHubLeadsBackToItself() {
    Map<String, Set<String>> uses = uses();
    assertTrue(uses.size() > 20, "the scan found the hub's packages: " + uses.keySet());
    assertTrue(uses.get("api").contains("backup"), "the scan sees imports");
    assertEquals(Set.of(), inCycles(uses), "packages in a dependency cycle");
  }

  @Test
  void aReferenceInACommentIsNoDependency() {
    String code =
        "/** Like {@code io.sendense.webapp.job.JobActions}. */\n"
            + "// io.sendense.webapp.shell.Messages\n"
            + "import io.sendense.webapp.common.Page;\n"
            + "class X { io.sendense.webapp.config.HubSettings s; }";
    assertEquals(Set.of("common", "config"), referenced(code));
  }

  @Test
  void aCycleThroughSeveralPackagesIsFound() {
    Map<String, Set<String>> uses =
        Map.of(
            "a", Set.of("b", "d"),
            "b", Set.of("c"),
            "c", Set.of("a", "d"),
            "d", Set.of("e"),
            "e", Set.of());
    assertEquals(Set.of("a", "b", "c"), inCycles(uses));
  }

  @Test
  void aPairReferringBothWaysIsACycle() {
    assertEquals(
        Set.of("a", "b"), inCycles(Map.of("a", Set.of("b", "c"), "b", Set.of("a"), "c", Set.of())));
  }

  private static Map<String, Set<String>> uses() {
    Map<String, Set<String>> uses = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      files
          .filter(f -> f.toString().endsWith(".java"))
          .forEach(
              f -> {
                String pkg = SOURCES.relativize(f).getName(0).toString();
                Set<String> used = uses.computeIfAbsent(pkg, p -> new TreeSet<>());
                used.addAll(referenced(read(f)));
                used.remove(pkg);
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return uses;
  }

  static Set<String> referenced(String source) {
    Set<String> found = new TreeSet<>();
    Matcher m = REFERENCE.matcher(COMMENT.matcher(source).replaceAll(""));
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  /** The packages from which a chain of references leads back to the package itself. */
  static Set<String> inCycles(Map<String, Set<String>> uses) {
    Set<String> found = new TreeSet<>();
    for (String start : uses.keySet()) {
      if (reachable(uses, start).contains(start)) {
        found.add(start);
      }
    }
    return found;
  }

  private static Set<String> reachable(Map<String, Set<String>> uses, String from) {
    Set<String> seen = new TreeSet<>();
    Deque<String> next = new ArrayDeque<>(uses.getOrDefault(from, Set.of()));
    while (!next.isEmpty()) {
      String pkg = next.pop();
      if (seen.add(pkg)) {
        next.addAll(uses.getOrDefault(pkg, Set.of()));
      }
    }
    return seen;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
