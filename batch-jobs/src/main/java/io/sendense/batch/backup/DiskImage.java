package io.sendense.batch.backup;

import io.sendense.batch.port.PlannedDisk;
import io.sendense.image.qcow2.Qcow2Options;
import io.sendense.image.qcow2.Qcow2Writer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The new image of one planned disk in a repository folder: where it goes, its parent, and how to
 * open its writer fresh or at the last checkpoint of an earlier execution.
 */
final class DiskImage {
  private final Path target;
  private final Qcow2Options options;

  DiskImage(Path repositoryFolder, PlannedDisk disk) {
    this.target = repositoryFolder.resolve(disk.fileName());
    Path parent = disk.parent() == null ? null : repositoryFolder.resolve(disk.parent().fileName());
    this.options = Qcow2Options.full(disk.capacityBytes()).withBackingFile(parent);
  }

  Path target() {
    return target;
  }

  /** Whether the image was committed (by this or an earlier execution). */
  boolean committed() {
    return Files.exists(target) && !Files.exists(Qcow2Writer.partialPath(target));
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
    Path partial = Qcow2Writer.partialPath(target);
    if (resume) {
      if (!Files.exists(partial)) {
        throw new IllegalStateException(
            "Partial image "
                + partial
                + " of an interrupted backup is gone; abandon this job and start a new backup");
      }
      return Qcow2Writer.resume(target, options);
    }
    Files.deleteIfExists(partial);
    Files.createDirectories(target.getParent());
    Qcow2Writer writer = Qcow2Writer.create(target, options);
    try {
      writer.checkpoint();
    } catch (IOException | RuntimeException e) {
      writer.abort();
      throw e;
    }
    return writer;
  }
}
