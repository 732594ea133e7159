package io.sendense.batch.backup;

import io.sendense.image.qcow2.Qcow2Writer;
import java.io.IOException;
import java.util.List;

/**
 * Writes the transfer step's blocks of one disk into its new image and checkpoints the image at the
 * end of every chunk, before the batch runtime stores the reader's checkpoint: a restart then
 * resumes the image at a point at least as far as the reader's.
 */
final class DiskImageWriter implements AutoCloseable {
  private final BackupRun run;
  private final int diskKey;
  private Qcow2Writer writer;

  DiskImageWriter(BackupRun run, int diskKey) {
    this.run = run;
    this.diskKey = diskKey;
  }

  void open(DiskImage image, boolean resume) throws IOException {
    writer = image.open(resume);
  }

  void write(List<Object> items) throws IOException {
    long bytes = 0;
    for (Object item : items) {
      Block block = (Block) item;
      bytes += block.bytes();
      for (int i = 0; i < block.pieces().size(); i++) {
        writer.write(block.offsets().get(i), block.pieces().get(i));
      }
      block.release();
    }
    writer.checkpoint();
    run.progress().advance(diskKey, bytes);
  }

  /** Closes the image; its partial file stays for the finalize step or a restart. */
  @Override
  public void close() throws IOException {
    if (writer != null) {
      writer.close();
    }
  }
}
