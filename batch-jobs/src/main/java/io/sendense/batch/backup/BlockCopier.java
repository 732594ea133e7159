package io.sendense.batch.backup;

import io.sendense.image.qcow2.Qcow2Writer;
import io.sendense.plugin.api.source.DiskExtent;
import io.sendense.plugin.api.source.DiskReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Copies a transfer plan from a source disk into an image outside the chunked step: the finalize
 * step uses it to bring a disk transferred in an earlier execution up to this execution's snapshot.
 */
final class BlockCopier {
  private BlockCopier() {}

  /** Copies the plan piece by piece; returns the bytes read. */
  static long copy(DiskReader reader, Qcow2Writer writer, TransferPlan plan, int blockSize)
      throws IOException {
    BlockPacker packer = new BlockPacker(plan.read(), plan.zero(), blockSize);
    ByteBuffer buf = BlockBuffers.aligned(blockSize);
    long total = 0;
    for (List<BlockPacker.Piece> item = packer.next(); !item.isEmpty(); item = packer.next()) {
      for (BlockPacker.Piece piece : item) {
        DiskExtent e = piece.extent();
        Block block;
        if (piece.zero()) {
          block = new Block(List.of(), List.of(), List.of(e), plan.compare(), () -> {});
        } else {
          buf.clear().limit((int) e.length());
          reader.readFully(buf, e.offset());
          block =
              new Block(
                  List.of(e.offset()), List.of(buf.flip()), List.of(), plan.compare(), () -> {});
          total += e.length();
        }
        DiskImageWriter.write(writer, block);
      }
    }
    return total;
  }
}
