package io.sendense.batch.host;

import io.sendense.batch.restore.port.RestorePointPort;
import io.sendense.image.qcow2.Qcow2Chain;
import io.sendense.plugin.api.source.DiskExtent;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A restore point's disk, its QCOW2 chain, as the restore job reads it: the chain's data ranges and
 * positional reads. Closing it closes {@code owner}, which closes the chain and the repository
 * session it reads through. The hub and a node open points their own way and share this.
 */
public final class ChainPointDisk implements RestorePointPort.PointDisk {
  private final Qcow2Chain chain;
  private final Closeable owner;

  public ChainPointDisk(Qcow2Chain chain, Closeable owner) {
    this.chain = chain;
    this.owner = owner;
  }

  @Override
  public long size() {
    return chain.virtualSize();
  }

  @Override
  public List<DiskExtent> dataExtents() throws IOException {
    List<DiskExtent> extents = new ArrayList<>();
    for (long[] r : chain.dataRanges()) {
      extents.add(new DiskExtent(r[0], r[1] - r[0]));
    }
    return extents;
  }

  @Override
  public void read(ByteBuffer dst, long position) throws IOException {
    chain.read(position, dst);
  }

  @Override
  public void close() throws IOException {
    owner.close();
  }
}
