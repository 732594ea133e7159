package io.sendense.persistence.policy;

/** When a copy rule copies a VM's new point: every one, or the first of each day or ISO week. */
public enum CopyWhen {
  EVERY_POINT,
  DAILY,
  WEEKLY
}
