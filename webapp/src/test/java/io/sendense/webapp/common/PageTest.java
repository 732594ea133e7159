package io.sendense.webapp.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.junit.jupiter.api.Test;

class PageTest {
  @Test
  void aShortPageEndsTheListWithoutCounting() {
    assertEquals(3, Page.counted(List.of(1, 2, 3), 0, 10, () -> fail("counted")).total());
    assertEquals(22, Page.counted(List.of(1, 2), 20, 10, () -> fail("counted")).total());
  }

  @Test
  void aFullPageOrAnEmptyPageBeyondTheFirstIsCounted() {
    assertEquals(57, Page.counted(List.of(1, 2), 0, 2, () -> 57).total());
    assertEquals(7, Page.counted(List.<Integer>of(), 40, 10, () -> 7).total());
  }
}
