package io.sendense.batch.port;

/**
 * How a disk's restore point found what to store. Its JSON names are part of the backups API.
 *
 * <ul>
 *   <li>{@link #CBT}: the source's changed areas since the parent (VMware Changed Block Tracking);
 *   <li>{@link #CONTENT_COMPARE}: an incremental without changed areas (tracking off or reset, not
 *       supported, or the parent's change id unknown): the disk was read and only clusters that
 *       differ from the parent chain were stored;
 *   <li>{@link #NONE_FULL}: a full image, no parent (the first backup in the repository, a full was
 *       asked for, or the parent's image is gone).
 * </ul>
 */
public enum ChangeTracking {
  CBT,
  CONTENT_COMPARE,
  NONE_FULL
}
