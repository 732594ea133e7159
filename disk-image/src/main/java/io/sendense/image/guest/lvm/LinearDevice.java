package io.sendense.image.guest.lvm;

import io.sendense.image.guest.BlockDevice;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/** A linear logical volume: consecutive segments, each a contiguous range of the PV. */
final class LinearDevice implements BlockDevice {
  /** {@code length} bytes of the LV from {@code logical} live at {@code physical} on the PV. */
  record Segment(long logical, long length, long physical) {}

  private final BlockDevice pv;
  private final Segment[] segments;
  private final long size;

  LinearDevice(BlockDevice pv, List<Segment> segments) {
    this.pv = pv;
    this.segments = segments.toArray(Segment[]::new);
    Segment last = this.segments[this.segments.length - 1];
    this.size = last.logical() + last.length();
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public void read(long offset, ByteBuffer dst) throws IOException {
    if (offset < 0 || offset > size - dst.remaining()) {
      throw new EOFException(
          "Read of " + dst.remaining() + " bytes at " + offset + " is past the LV end " + size);
    }
    while (dst.hasRemaining()) {
      Segment s = segmentAt(offset);
      long within = offset - s.logical();
      int n = (int) Math.min(dst.remaining(), s.length() - within);
      ByteBuffer piece = dst.slice(dst.position(), n);
      pv.read(s.physical() + within, piece);
      dst.position(dst.position() + n);
      offset += n;
    }
  }

  private Segment segmentAt(long offset) {
    int lo = 0;
    int hi = segments.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (segments[mid].logical() <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return segments[lo];
  }
}
