package io.sendense.plugins.vmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.plugin.api.source.DiskExtent;
import java.rmi.RemoteException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

class AreaQueriesTest {
  private static final long MIB = 1 << 20;
  private final Set<String> threads = ConcurrentHashMap.newKeySet();

  /** A disk whose every 3rd MiB changed; answers cover {@code span(offset)} bytes. */
  private AreaQueries.Query disk(long capacity, LongUnaryOperator span) {
    return offset -> {
      threads.add(Thread.currentThread().getName());
      long end = Math.min(capacity, offset + span.applyAsLong(offset));
      List<DiskExtent> areas = new ArrayList<>();
      for (long m = offset / MIB; m * MIB < end; m++) {
        if (m % 3 == 0 && m * MIB >= offset) {
          areas.add(new DiskExtent(m * MIB, MIB));
        }
      }
      return new AreaQueries.Answer(offset, end - offset, areas);
    };
  }

  private static List<DiskExtent> expected(long capacity) {
    List<DiskExtent> out = new ArrayList<>();
    for (long m = 0; m * MIB < capacity; m += 3) {
      out.add(new DiskExtent(m * MIB, MIB));
    }
    return out;
  }

  @Test
  void answersOfEqualSpansAreAskedAheadOnOtherThreadsAndGiveTheSequentialResult() throws Exception {
    long capacity = 1024 * MIB;
    assertEquals(expected(capacity), AreaQueries.walk(disk(capacity, o -> 16 * MIB), capacity));
    assertTrue(threads.contains("sendense-vmware-cbt-query"), "asked ahead: " + threads);
  }

  @Test
  void answersOfOtherSpansThanGuessedAreAskedAgainAndNothingIsSkipped() throws Exception {
    long capacity = 1000 * MIB;
    // 16 MiB first, then spans of 5 and 7 MiB alternating: every guess ahead misses
    LongUnaryOperator spans = o -> o == 0 ? 16 * MIB : (o / MIB) % 2 == 0 ? 5 * MIB : 7 * MIB;
    assertEquals(expected(capacity), AreaQueries.walk(disk(capacity, spans), capacity));
  }

  @Test
  void aQueryThatFailsIsReportedAsTheSequentialWalkWouldReportIt() {
    long capacity = 256 * MIB;
    RemoteException fault = new RemoteException("FileFault");
    AreaQueries.Query healthy = disk(capacity, o -> 16 * MIB);
    AreaQueries.Query failing =
        offset -> {
          if (offset == 64 * MIB) {
            throw fault;
          }
          return healthy.at(offset);
        };
    assertSame(
        fault, assertThrows(RemoteException.class, () -> AreaQueries.walk(failing, capacity)));
  }

  @Test
  void anAnswerThatDoesNotAdvanceStopsTheWalk() {
    long capacity = 64 * MIB;
    AreaQueries.Query stuck =
        offset -> new AreaQueries.Answer(0, offset == 0 ? 16 * MIB : 0, List.of());
    assertThrows(IllegalStateException.class, () -> AreaQueries.walk(stuck, capacity));
  }

  @Test
  void aDiskOneAnswerCoversIsOneQuery() throws Exception {
    long capacity = 8 * MIB;
    assertEquals(expected(capacity), AreaQueries.walk(disk(capacity, o -> 16 * MIB), capacity));
    assertEquals(Set.of(Thread.currentThread().getName()), threads);
  }
}
