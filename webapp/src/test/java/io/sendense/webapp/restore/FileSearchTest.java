package io.sendense.webapp.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.image.guest.GuestFileSystem;
import io.sendense.image.guest.WalkGuard;
import io.sendense.webapp.common.Refusal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Finding files by name: what matches, in which order, and every way the walk stops or skips. */
class FileSearchTest {
  /**
   * Entries in the order the reader gives them (not sorted, so the search must sort). Folder
   * "broken" cannot be listed; "docs/again" is the folder "docs" a second time (same identity).
   */
  private static GuestTree tree() {
    return new GuestTree()
        .file("zz-Report.txt")
        .folder("docs", 10)
        .file("docs/report.txt")
        .folder("docs/sub")
        .file("docs/sub/REPORT-2024.xlsx")
        .file("docs/sub/notes.txt")
        .folder("docs/again", 10)
        .folder("reports")
        .file("reports/a.txt")
        .file("Another report.doc")
        .unlistable("broken", "bad extent tree");
  }

  private static FileSearch.Result find(GuestFileSystem fs, String name, String path, Integer n) {
    return FileSearch.of(fs, new WalkGuard(1000, 1 << 30), Duration.ofSeconds(5))
        .find(name, path, n);
  }

  private static List<String> paths(FileSearch.Result r) {
    return r.matches().stream().map(FileEntryDto::path).toList();
  }

  @Test
  void namesContainingTheTextIgnoringCaseAreFoundDepthFirstInNameOrder() {
    FileSearch.Result r = find(tree(), "RePort", null, null);
    assertEquals(
        List.of(
            "Another report.doc",
            "docs/report.txt",
            "docs/sub/REPORT-2024.xlsx",
            "reports",
            "zz-Report.txt"),
        paths(r));
    assertFalse(r.truncated());
    assertNull(r.stoppedBy());
    assertEquals("file", r.matches().get(0).type());
    assertEquals("directory", r.matches().get(3).type());
    assertEquals(11, r.entriesSearched(), "every entry once; docs/again not entered");
  }

  @Test
  void onlyTheNameMatchesNotTheFolderItIsIn() {
    FileSearch.Result r = find(tree(), "sub", null, null);
    assertEquals(List.of("docs/sub"), paths(r), "files inside docs/sub do not match 'sub'");
  }

  @Test
  void theWalkStartsAtTheGivenFolder() {
    assertEquals(List.of("docs/sub/notes.txt"), paths(find(tree(), "notes", "docs/sub", null)));
    assertEquals(List.of(), paths(find(tree(), "notes", "reports", null)));
  }

  @Test
  void moreMatchesThanTheLimitStopTheWalkAndSaySo() {
    FileSearch.Result r = find(tree(), "report", "", 2);
    assertEquals(List.of("Another report.doc", "docs/report.txt"), paths(r));
    assertTrue(r.truncated());
    assertEquals("limit", r.stoppedBy());
    assertTrue(r.reason().contains("2 matches"), r.reason());
    FileSearch.Result exact = find(tree(), "report", "", 5);
    assertEquals(5, exact.matches().size());
    assertFalse(exact.truncated(), "exactly the limit found, nothing left out");
  }

  @Test
  void theWalkGuardsEntryLimitStopsAHugeVolume() {
    FileSearch.Result r =
        FileSearch.of(tree(), new WalkGuard(3, 1 << 30), Duration.ofSeconds(5))
            .find("report", "", null);
    assertEquals(3, r.entriesSearched());
    assertEquals(List.of("Another report.doc"), paths(r));
    assertTrue(r.truncated());
    assertEquals("entries", r.stoppedBy());
    assertTrue(r.reason().contains("3 entries"), r.reason());
  }

  @Test
  void theTimeBudgetStopsASlowWalk() {
    AtomicLong now = new AtomicLong();
    GuestFileSystem slow = new GuestTree().file("a-report").file("b-report").file("c-report");
    FileSearch search =
        new FileSearch(
            slow,
            new WalkGuard(1000, 1 << 30),
            Duration.ofSeconds(2),
            () -> now.getAndAdd(Duration.ofMillis(900).toNanos()));
    FileSearch.Result r = search.find("report", "", null);
    assertEquals(List.of("a-report", "b-report"), paths(r));
    assertTrue(r.truncated());
    assertEquals("time", r.stoppedBy());
    assertTrue(r.reason().contains("2 seconds"), r.reason());
  }

  @Test
  void foldersThatCannotBeListedOrAreReachedTwiceAreNamed() {
    FileSearch.Result r = find(tree(), "xlsx", null, null);
    assertEquals(List.of("docs/sub/REPORT-2024.xlsx"), paths(r));
    assertEquals(
        List.of(
            "/broken: folder cannot be listed: bad extent tree",
            "/docs/again: the same folder as one already walked (a loop or a second name for a"
                + " folder)"),
        r.skipped());
    assertEquals(2, r.skippedCount());
  }

  @Test
  void badInputIs400AndAMissingFolder404() {
    GuestTree fs = tree();
    for (String name : new String[] {null, "", "   ", "x".repeat(256)}) {
      Refusal refusal = assertThrows(Refusal.class, () -> find(fs, name, "", null));
      assertEquals(400, refusal.status());
      assertTrue(refusal.getMessage().contains("name"), refusal.getMessage());
    }
    FileSearch.Result longest = find(fs, "x".repeat(255), "", null);
    assertEquals(List.of(), paths(longest), "255 characters are a valid name");
    assertEquals(11, longest.entriesSearched());
    for (String path : List.of("..", "docs/../..", "/etc")) {
      assertEquals(400, assertThrows(Refusal.class, () -> find(fs, "a", path, null)).status());
    }
    for (int limit : new int[] {0, -1, 1001}) {
      Refusal refusal = assertThrows(Refusal.class, () -> find(fs, "a", "", limit));
      assertEquals(400, refusal.status());
      assertTrue(refusal.getMessage().contains("1000"), refusal.getMessage());
    }
    assertEquals(1000, FileSearch.checkedLimit(1000));
    assertEquals(404, assertThrows(Refusal.class, () -> find(fs, "a", "nope", null)).status());
    assertEquals(
        400, assertThrows(Refusal.class, () -> find(fs, "a", "docs/report.txt", null)).status());
  }
}
