package io.sendense.plugin.api.repository;

/**
 * Space on a repository's storage, in bytes, as its file system or server reports it.
 *
 * <p>{@code used + free} may be less than {@code total} (reserved blocks, other quotas).
 *
 * @param totalBytes size of the storage
 * @param usedBytes space in use, by Sendense and by anything else on the same storage; where the
 *     protocol reports only one free figure (SMB), {@code total - free}, which includes blocks
 *     reserved for the server's administrator
 * @param freeBytes space this repository can still write
 */
public record Capacity(long totalBytes, long usedBytes, long freeBytes) {

  public Capacity {
    if (totalBytes < 0 || usedBytes < 0 || freeBytes < 0) {
      throw new IllegalArgumentException(
          "Capacity values must not be negative: total="
              + totalBytes
              + " used="
              + usedBytes
              + " free="
              + freeBytes);
    }
  }
}
