package io.sendense.webapp.repository;

import io.sendense.persistence.repository.RepositoryStatus;
import java.time.Instant;
import java.util.Map;

/**
 * A repository as pages and the API show it: secrets are never included.
 *
 * @param immutableDays points written into it are immutable for this many days (0: off)
 * @param immutableEnforcement who enforces the lock: {@code FILES} (a local folder: read-only files
 *     and, when the hub may, the immutable attribute, besides the hub) or {@code HUB_ONLY} (a
 *     share: the hub refuses every change, the server itself does not)
 * @param nodeId the node the repository is reachable from, which runs its backups; null: the hub
 *     and every node reach it
 */
public record RepositoryDto(
    long id,
    String name,
    String type,
    String typeName,
    Map<String, String> config,
    boolean enabled,
    RepositoryStatus status,
    String statusMessage,
    Long capacityTotalBytes,
    Long capacityUsedBytes,
    Long capacityFreeBytes,
    Instant capacityCheckedAt,
    long restorePoints,
    Encryption encryption,
    int immutableDays,
    String immutableEnforcement,
    Long nodeId,
    String nodeName) {

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
