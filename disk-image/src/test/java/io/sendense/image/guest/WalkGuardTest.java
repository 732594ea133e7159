package io.sendense.image.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WalkGuardTest {
  private static GuestEntry dir(String name, long identity) {
    GuestPath path = GuestPath.ROOT.child(name);
    return new GuestEntry(name, path, GuestEntry.Kind.DIRECTORY, 0, null, null, null, identity);
  }

  @Test
  void aFolderIsEnteredOnceWhateverItsName() {
    WalkGuard guard = new WalkGuard(100, 100);
    assertNull(guard.enter(dir("a", 12)));
    assertTrue(guard.enter(dir("again", 12)).contains("same folder"));
    assertNull(guard.enter(dir("b", 13)));
  }

  @Test
  void foldersWithoutIdentityAreNotTakenForEachOther() {
    WalkGuard guard = new WalkGuard(100, 100);
    assertNull(guard.enter(dir("a", GuestEntry.UNKNOWN)));
    assertNull(guard.enter(dir("b", GuestEntry.UNKNOWN)));
  }

  @Test
  void theWalkStopsAfterItsEntriesAndSaysWhy() {
    WalkGuard guard = new WalkGuard(3, 100);
    assertTrue(guard.entry() && guard.entry() && guard.entry());
    assertFalse(guard.entry());
    assertTrue(guard.stopped().contains("3 entries"), guard.stopped());
    assertEquals(0, guard.allow(10), "nothing more once stopped");
  }

  @Test
  void bytesAreAllowedUpToTheLimitThenTheWalkStops() {
    WalkGuard guard = new WalkGuard(100, 10);
    assertEquals(6, guard.allow(6));
    assertNull(guard.stopped());
    assertEquals(4, guard.allow(6));
    assertTrue(guard.stopped().contains("10 bytes"), guard.stopped());
    assertEquals(0, guard.allow(1));
  }

  @Test
  void byteLimitIsFourTimesTheVolumeAndAtLeastOneGibibyte() {
    assertEquals(1L << 30, WalkGuard.bytesFor(1 << 20));
    assertEquals(4L << 40, WalkGuard.bytesFor(1L << 40));
    assertEquals(Long.MAX_VALUE, WalkGuard.bytesFor(Long.MAX_VALUE / 2));
  }
}
