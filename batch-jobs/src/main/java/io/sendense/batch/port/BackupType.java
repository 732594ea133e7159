package io.sendense.batch.port;

import java.util.Locale;

/** What the caller asked for; an incremental falls back to a full for disks without a parent. */
public enum BackupType {
  FULL,
  INCREMENTAL;

  /**
   * Parses a job parameter ("full" or "incremental", any case); null or empty means incremental.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static BackupType parse(String value) {
    if (value == null || value.isBlank()) {
      return INCREMENTAL;
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "backupType must be 'full' or 'incremental', not '" + value + "'", e);
    }
  }
}
