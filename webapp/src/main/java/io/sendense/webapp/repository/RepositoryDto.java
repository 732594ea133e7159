package io.sendense.webapp.repository;

import java.time.Instant;
import java.util.Map;

/** A repository as pages and the API show it: secrets are never included. */
public record RepositoryDto(
    long id,
    String name,
    String type,
    String typeName,
    Map<String, String> config,
    boolean enabled,
    String status,
    String statusMessage,
    Long capacityTotalBytes,
    Long capacityUsedBytes,
    Long capacityFreeBytes,
    Instant capacityCheckedAt,
    long restorePoints,
    Encryption encryption) {

  /**
   * Whether the repository encrypts its points, and when and by whom its passphrase was exported
   * (null while it never was). Never the passphrase.
   */
  public record Encryption(boolean encrypted, Instant passphraseExportedAt, String exportedBy) {}

  public boolean encrypted() {
    return encryption != null && encryption.encrypted();
  }

  /** Used space in percent, or -1 when capacity is unknown. */
  public int usedPercent() {
    if (capacityTotalBytes == null || capacityTotalBytes == 0 || capacityUsedBytes == null) {
      return -1;
    }
    return (int) Math.min(100, capacityUsedBytes * 100 / capacityTotalBytes);
  }
}
