package io.sendense.batch.backup;

import io.sendense.batch.port.PlannedDisk;
import io.sendense.image.qcow2.Qcow2Options;
import io.sendense.image.qcow2.Qcow2Writer;
import io.sendense.image.store.ImageNames;
import io.sendense.image.store.ImageStore;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The new image of one planned disk in a repository: its name, its parent, and how to open its
 * writer fresh or at the last checkpoint of an earlier execution.
 */
final class DiskImage {
  private final ImageStore store;
  private final String target;
  private final Qcow2Options options;

  DiskImage(ImageStore store, PlannedDisk disk) {
    this.store = store;
    this.target = ImageNames.check(disk.fileName());
    Path parent = disk.parent() == null ? null : Path.of(disk.parent().fileName());
    this.options = Qcow2Options.full(disk.capacityBytes()).withBackingFile(parent);
  }

  /** The image's name in the repository. */
  String target() {
    return target;
  }

  /** Size of the committed image. */
  long size() throws IOException {
    return store
        .stat(target)
        .orElseThrow(() -> new IllegalStateException(store.location(target) + " is gone"))
        .size();
  }

  /** Whether the image was committed (by this or an earlier execution). */
  boolean committed() throws IOException {
    return store.isFile(target) && !store.isFile(Qcow2Writer.partialName(target));
  }

  /**
   * Opens the writer: at its last checkpoint if {@code resume}, else a new image (replacing a
   * partial file that no checkpoint of the batch runtime refers to). A new image is checkpointed at
   * once, so that it can always be resumed.
   *
   * @throws IllegalStateException if {@code resume} but the partial file is gone: continuing would
   *     leave a hole where the committed chunks were
   */
  Qcow2Writer open(boolean resume) throws IOException {
    String partial = Qcow2Writer.partialName(target);
    if (resume) {
      if (!store.isFile(partial)) {
        throw new IllegalStateException(
            "Partial image "
                + store.location(partial)
                + " of an interrupted backup is gone; abandon this job and start a new backup");
      }
      return Qcow2Writer.resume(store, target, options);
    }
    store.deleteIfExists(partial);
    store.createDirectories(ImageNames.parent(target));
    Qcow2Writer writer = Qcow2Writer.create(store, target, options);
    try {
      writer.checkpoint();
    } catch (IOException | RuntimeException e) {
      writer.abort();
      throw e;
    }
    return writer;
  }
}
