package io.sendense.batch.backup;

import io.sendense.image.qcow2.Qcow2Writer;
import io.sendense.plugin.api.source.DiskExtent;
import io.sendense.plugin.api.source.DiskReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Copies ranges from a source disk into an image outside the chunked step: the finalize step uses
 * it to bring a disk transferred in an earlier execution up to this execution's snapshot.
 */
final class BlockCopier {
  private BlockCopier() {}

  /** Copies the ranges block by block; returns the bytes read. */
  static long copy(DiskReader reader, Qcow2Writer writer, List<DiskExtent> ranges, int blockSize)
      throws IOException {
    BlockCursor cursor = new BlockCursor(ranges, blockSize);
    ByteBuffer buf = BlockBuffers.aligned(blockSize);
    long total = 0;
    for (DiskExtent block = cursor.next(); block != null; block = cursor.next()) {
      buf.clear().limit((int) block.length());
      reader.readFully(buf, block.offset());
      buf.flip();
      writer.write(block.offset(), buf);
      total += block.length();
    }
    return total;
  }
}
