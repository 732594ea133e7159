package io.sendense.webapp.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConsolePagesTest {
  private static final Comparator<Integer> NEWEST_FIRST = Comparator.reverseOrder();

  /** Every page, read as the console reads it, equals the same slice of the whole merged list. */
  private static void everyPageMatches(List<Integer> paged, List<Integer> extra, int limit) {
    List<Integer> whole = new ArrayList<>(paged);
    whole.addAll(extra);
    whole.sort(NEWEST_FIRST);
    for (int offset = 0; offset <= whole.size() + limit; offset++) {
      int start = ConsolePages.start(offset, extra.size());
      List<Integer> read =
          paged.subList(
              Math.min(paged.size(), start),
              Math.min(paged.size(), start + ConsolePages.window(limit, extra.size())));
      List<Integer> expected =
          whole.subList(Math.min(whole.size(), offset), Math.min(whole.size(), offset + limit));
      assertEquals(
          expected,
          ConsolePages.page(read, extra, offset, limit, NEWEST_FIRST),
          "page at " + offset);
    }
  }

  @Test
  void restoresAmongBackupJobsLandOnTheRightPages() {
    List<Integer> backups = IntStream.range(0, 60).map(i -> 1000 - i * 10).boxed().toList();
    everyPageMatches(backups, List.of(995, 903, 902, 555, 401, 1), 7);
  }

  @Test
  void restoresNewerOrOlderThanEveryBackupJob() {
    List<Integer> backups = IntStream.range(0, 30).map(i -> 500 - i).boxed().toList();
    everyPageMatches(backups, List.of(900, 800, 700), 5);
    everyPageMatches(backups, List.of(3, 2, 1), 5);
  }

  @Test
  void withoutRestoresThePageIsTheBackupJobsPage() {
    List<Integer> backups = IntStream.range(0, 12).map(i -> 100 - i).boxed().toList();
    everyPageMatches(backups, List.of(), 4);
    everyPageMatches(List.of(), List.of(5, 4, 3), 2);
  }
}
