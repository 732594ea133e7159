package io.sendense.plugins.quotafolder;

import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.repository.StorageException;
import io.sendense.plugin.api.repository.StoragePath;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes a repository may still take. Files reserve space before they grow, so concurrent
 * writers can never overshoot the limit together. Sizes are logical (holes count), which keeps the
 * accounting exact and independent of the file system.
 */
final class Quota {

  private final long limit;
  private final AtomicLong used;

  Quota(long limit, long used) {
    this.limit = limit;
    this.used = new AtomicLong(used);
  }

  void reserve(long bytes, StoragePath path) throws StorageException {
    long before = used.getAndAccumulate(bytes, (u, b) -> u + b <= limit ? u + b : u);
    if (before + bytes > limit) {
      throw new StorageException(
          FailureKind.NO_SPACE,
          "Cannot grow '"
              + path
              + "' by "
              + bytes
              + " bytes: the quota of "
              + limit
              + " bytes is reached; raise the quota or delete old restore points");
    }
  }

  void release(long bytes) {
    used.addAndGet(-bytes);
  }

  long limit() {
    return limit;
  }

  long used() {
    return used.get();
  }
}
