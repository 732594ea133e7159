package io.sendense.webapp.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.image.guest.GuestPath;
import io.sendense.webapp.common.Refusal;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuestFilesTest {
  @Test
  void pathsThatCouldLeaveThePartitionAreRefusedWith400() {
    for (String bad :
        List.of("..", "a/../../etc", "/etc/passwd", "a\\b", "a\0b", "a//b", "./a", "/")) {
      Refusal refusal = assertThrows(Refusal.class, () -> GuestFiles.path(bad), bad);
      assertEquals(400, refusal.status(), bad);
      assertTrue(refusal.getMessage().length() > 10, refusal.getMessage());
    }
  }

  @Test
  void emptyOrMissingPathIsTheRootAndNamesAreKeptAsGiven() {
    assertEquals(GuestPath.ROOT, GuestFiles.path(null));
    assertEquals(GuestPath.ROOT, GuestFiles.path(""));
    assertEquals(List.of("docs", "a b", "..x"), GuestFiles.path("docs/a b/..x").segments());
  }

  @Test
  void foldersComeFirstThenNamesIgnoringCase() {
    List<FileEntryDto> sorted =
        List.of(
                entry("b.txt", "file"),
                entry("Zeta", "directory"),
                entry("A.txt", "file"),
                entry("alpha", "directory"),
                entry("link", "symlink"))
            .stream()
            .sorted(GuestFiles.ORDER)
            .toList();
    assertEquals(
        List.of("alpha", "Zeta", "A.txt", "b.txt", "link"),
        sorted.stream().map(FileEntryDto::name).toList());
  }

  private static FileEntryDto entry(String name, String type) {
    return new FileEntryDto(name, name, type, 0, null, null, null);
  }
}
