package io.sendense.persistence.backup;

/**
 * How a restore point (or one of its disks) found what to store: the source's changed block
 * tracking, a content compare against the parent chain (changed areas unavailable), or a full image
 * with no parent.
 */
public enum ChangeTracking {
  CBT,
  CONTENT_COMPARE,
  NONE_FULL
}
