package io.sendense.image.guest.fat;

import io.sendense.image.guest.ContentMap;
import io.sendense.image.guest.ContentRun;
import io.sendense.image.guest.GuestFsException;
import java.io.IOException;
import java.util.BitSet;

/**
 * A file's cluster chain as content runs of contiguous clusters, walked forward with a cursor (so
 * that streaming is linear) and a visited set that detects a looping chain. One per stream.
 */
final class ClusterChainMap implements ContentMap {
  /** Longest run handed out at once, in bytes. */
  private static final long MAX_RUN = 8 << 20;

  private final FatTable fat;
  private final BootSector bs;
  private final long first;
  private final String path;
  private final BitSet visited = new BitSet();
  private long cursorLogical;
  private long cursorCluster;

  ClusterChainMap(FatTable fat, BootSector bs, long first, String path) {
    this.fat = fat;
    this.bs = bs;
    this.first = first;
    this.path = path;
    restart();
  }

  @Override
  public int unitSize() {
    return bs.clusterSize();
  }

  @Override
  public ContentRun find(long logical) throws IOException {
    if (logical < cursorLogical) {
      restart();
    }
    while (cursorLogical < logical) {
      step();
    }
    if (!fat.valid(cursorCluster)) {
      throw new GuestFsException(path + ": cluster " + cursorCluster + " is out of range");
    }
    long start = cursorCluster;
    long startLogical = cursorLogical;
    long count = 1;
    while (count * bs.clusterSize() < MAX_RUN) {
      long next = fat.next(cursorCluster, path);
      if (next != cursorCluster + 1) {
        break;
      }
      step();
      count++;
    }
    return new ContentRun(startLogical, bs.clusterOffset(start), count);
  }

  private void restart() {
    visited.clear();
    cursorLogical = 0;
    cursorCluster = first;
  }

  private void step() throws IOException {
    if (!fat.valid(cursorCluster)) {
      throw new GuestFsException(path + ": cluster " + cursorCluster + " is out of range");
    }
    visited.set((int) cursorCluster);
    long next = fat.next(cursorCluster, path);
    if (next == FatTable.END) {
      throw new GuestFsException(path + ": cluster chain ends before the file's size");
    }
    if (visited.get((int) next)) {
      throw new GuestFsException(path + ": cluster chain loops at cluster " + next);
    }
    cursorCluster = next;
    cursorLogical++;
  }
}
