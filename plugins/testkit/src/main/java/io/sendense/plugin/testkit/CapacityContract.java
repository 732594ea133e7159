package io.sendense.plugin.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.plugin.api.repository.Capacity;
import org.junit.jupiter.api.Test;

/** Contract: capacity is the backing file system's, with total, used and free not mixed up. */
public interface CapacityContract extends StorageFixture {

  @Test
  default void capacityMatchesTheBackingFileSystem() throws Exception {
    Capacity expected = backingCapacity();
    Capacity actual = storage().capacity();
    // Other processes write to the same disk meanwhile, so free space may drift a little.
    long slack = Math.max(expected.totalBytes() / 50, 1L << 30);
    assertEquals(expected.totalBytes(), actual.totalBytes(), expected.totalBytes() / 100.0);
    assertEquals(expected.freeBytes(), actual.freeBytes(), slack);
    // Protocols that report one free figure (SMB) cannot tell reserved blocks from used ones.
    long usedAtMost = expected.totalBytes() - expected.freeBytes() + slack;
    long usedAtLeast = expected.usedBytes() - slack;
    assertTrue(
        actual.usedBytes() >= usedAtLeast && actual.usedBytes() <= usedAtMost,
        "used " + actual.usedBytes() + " outside [" + usedAtLeast + ", " + usedAtMost + "]");
    assertTrue(actual.freeBytes() <= actual.totalBytes(), actual.toString());
  }
}
