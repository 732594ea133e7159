package io.sendense.batch.backup;

import io.sendense.image.qcow2.Qcow2Writer;
import io.sendense.plugin.api.source.DiskExtent;
import java.io.IOException;
import java.util.List;

/**
 * Writes the transfer step's blocks of one disk into its new image, checkpoints the image at the
 * end of every chunk, and only then lets the reader record the committed offset in the catalog: a
 * restart resumes the image at a point at least as far as the recorded one. Blocks of a content
 * compare store only what differs from the image's current content.
 */
final class DiskImageWriter implements AutoCloseable {
  private final BackupRun run;
  private final DiskTransferReader reader;
  private final int diskKey;
  private Qcow2Writer writer;

  DiskImageWriter(BackupRun run, DiskTransferReader reader, int diskKey) {
    this.run = run;
    this.reader = reader;
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
      write(writer, block);
      block.release();
    }
    writer.checkpoint();
    reader.chunkWritten();
    run.progress().advance(diskKey, bytes);
  }

  /** Writes one block into an image; returns the bytes stored. */
  static long write(Qcow2Writer writer, Block block) throws IOException {
    long stored = 0;
    for (int i = 0; i < block.pieces().size(); i++) {
      long offset = block.offsets().get(i);
      if (block.compare()) {
        stored += writer.writeIfChanged(offset, block.pieces().get(i));
      } else {
        stored += block.pieces().get(i).remaining();
        writer.write(offset, block.pieces().get(i));
      }
    }
    for (DiskExtent zero : block.zeros()) {
      stored += writer.zeroIfChanged(zero.offset(), zero.length());
    }
    return stored;
  }

  /** Closes the image; its partial file stays for the finalize step or a restart. */
  @Override
  public void close() throws IOException {
    if (writer != null) {
      writer.close();
    }
  }
}
