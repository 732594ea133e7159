package io.sendense.webapp.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChainGuardTest {
  @Test
  void untilRecoveryIsDoneEveryChainIsHeldAndNoJobStarts() {
    ChainGuard guard = new ChainGuard();
    AtomicInteger started = new AtomicInteger();
    Optional<String> held = guard.whenFree(1, 1, started::incrementAndGet);
    assertEquals("the hub is finishing merges a previous run left open", held.orElseThrow());
    assertEquals(0, started.get());
    guard.recovered();
    assertTrue(guard.whenFree(1, 1, started::incrementAndGet).isEmpty());
    assertEquals(1, started.get());
  }

  @Test
  void aHeldChainKeepsJobsAndOtherHoldsOutUntilReleased() {
    ChainGuard guard = new ChainGuard();
    guard.recovered();
    assertTrue(guard.tryHold(5, 9, "merging", Optional::empty).isEmpty());
    assertEquals("merging", guard.tryHold(5, 9, "verifying", Optional::empty).orElseThrow());
    AtomicInteger started = new AtomicInteger();
    assertEquals("merging", guard.whenFree(5, 9, started::incrementAndGet).orElseThrow());
    assertTrue(guard.whenFree(5, 8, started::incrementAndGet).isEmpty(), "other repository");
    assertTrue(guard.whenFree(6, 9, started::incrementAndGet).isEmpty(), "other VM");
    guard.release(5, 9);
    assertTrue(guard.whenFree(5, 9, started::incrementAndGet).isEmpty());
    assertEquals(3, started.get());
  }

  @Test
  void aHoldIsNotTakenWhenTheCheckUnderTheMonitorSaysNo() {
    ChainGuard guard = new ChainGuard();
    guard.recovered();
    Optional<String> refused =
        guard.tryHold(1, 2, "merging", () -> Optional.of("backup job 7 of the VM is running"));
    assertEquals("backup job 7 of the VM is running", refused.orElseThrow());
    assertFalse(guard.busy(1, 2).isPresent(), "nothing is held after a refusal");
  }
}
