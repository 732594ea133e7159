package io.sendense.plugin.api.repository;

import io.sendense.plugin.api.ConnectionTestResult;
import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.Unstable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The last step of every "Test connection": writes, syncs, reads back and deletes a small file in
 * an opened repository, so that a read-only share or a full disk is found before a backup runs.
 *
 * <p>Storage types call it from {@link RepositoryStorageType#testConnection} after their own
 * connection checks; it reports {@code NOT_WRITABLE} for access errors while writing.
 */
@Unstable("The summary text on success may change; match on ConnectionTestResult fields only")
public final class WriteProbe {

  private WriteProbe() {}

  /** Probes the storage and summarises its capacity on success. */
  public static ConnectionTestResult run(RepositoryStorage storage, String location) {
    StoragePath probe = StoragePath.of(".sendense-probe-" + UUID.randomUUID());
    try {
      try {
        if (!writeAndReadBack(storage, probe)) {
          return ConnectionTestResult.failed(
              FailureKind.PROTOCOL_ERROR,
              "A probe file written to " + location + " read back wrong");
        }
      } finally {
        deleteQuietly(storage, probe);
      }
      Capacity capacity = storage.capacity();
      return ConnectionTestResult.success(
          "Connected to "
              + location
              + ": "
              + gib(capacity.freeBytes())
              + " free of "
              + gib(capacity.totalBytes()));
    } catch (StorageException e) {
      FailureKind kind =
          e.kind() == FailureKind.ACCESS_DENIED ? FailureKind.NOT_WRITABLE : e.kind();
      return ConnectionTestResult.failed(
          kind, "Cannot write a test file to " + location + ": " + e.getMessage());
    }
  }

  private static boolean writeAndReadBack(RepositoryStorage storage, StoragePath probe)
      throws StorageException {
    byte[] content = ("sendense write probe " + probe).getBytes(StandardCharsets.US_ASCII);
    try (StorageFile file = storage.create(probe)) {
      file.write(ByteBuffer.wrap(content), 0);
      file.sync();
      ByteBuffer back = ByteBuffer.allocate(content.length);
      file.readFully(back, 0);
      return back.flip().equals(ByteBuffer.wrap(content));
    }
  }

  private static void deleteQuietly(RepositoryStorage storage, StoragePath probe) {
    try {
      if (storage.stat(probe).isPresent()) {
        storage.delete(probe);
      }
    } catch (StorageException e) {
      // The probe outcome matters more than a leftover probe file; the original error wins.
    }
  }

  private static String gib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
  }
}
