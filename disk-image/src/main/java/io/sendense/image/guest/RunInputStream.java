package io.sendense.image.guest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A file's content streamed straight from the device along its {@link ContentMap}: holes read as
 * zeros, and contiguous runs are read in large pieces (up to {@link #MAX_READ} bytes) so that a big
 * unfragmented file streams at disk speed.
 */
public final class RunInputStream extends InputStream {
  /** Largest single device read. */
  public static final int MAX_READ = 4 << 20;

  private static final int DIRECT_THRESHOLD = 256 << 10;

  private final BlockDevice device;
  private final long size;
  private final ContentMap map;
  private final String path;
  private byte[] buffer = new byte[0];
  private int bufferPos;
  private int bufferLen;
  private long position;
  private ContentRun run;

  public RunInputStream(BlockDevice device, long size, ContentMap map, String path) {
    this.device = device;
    this.size = size;
    this.map = map;
    this.path = path;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (bufferPos < bufferLen) {
      int n = Math.min(len, bufferLen - bufferPos);
      System.arraycopy(buffer, bufferPos, b, off, n);
      bufferPos += n;
      return n;
    }
    if (position >= size) {
      return -1;
    }
    if (len >= DIRECT_THRESHOLD) {
      return fetch(b, off, len);
    }
    if (buffer.length == 0) {
      buffer = new byte[(int) Math.min(MAX_READ, Math.max(size, 4096))];
    }
    bufferLen = fetch(buffer, 0, buffer.length);
    bufferPos = 0;
    return read(b, off, len);
  }

  @Override
  public long skip(long n) throws IOException {
    if (n <= 0) {
      return 0;
    }
    long buffered = Math.min(n, bufferLen - bufferPos);
    bufferPos += (int) buffered;
    long more = Math.min(n - buffered, size - position);
    position += Math.max(0, more);
    return buffered + Math.max(0, more);
  }

  /** Reads from the current position into {@code b}, at most one run; returns the bytes read. */
  private int fetch(byte[] b, int off, int len) throws IOException {
    int unit = map.unitSize();
    long logical = position / unit;
    if (run == null || logical < run.logical() || logical >= run.logical() + run.units()) {
      run = map.find(logical);
      if (run == null
          || run.units() <= 0
          || logical < run.logical()
          || logical >= run.logical() + run.units()) {
        throw new GuestFsException(path + ": no content mapping for block " + logical);
      }
    }
    long endUnit = run.logical() + run.units();
    long runEnd = endUnit < 0 || endUnit > Long.MAX_VALUE / unit ? Long.MAX_VALUE : endUnit * unit;
    long n = Math.min(Math.min(len, MAX_READ), Math.min(runEnd, size) - position);
    if (run.isHole()) {
      Arrays.fill(b, off, off + (int) n, (byte) 0);
    } else {
      long at = run.deviceOffset() + (position - run.logical() * unit);
      try {
        device.read(at, ByteBuffer.wrap(b, off, (int) n));
      } catch (java.io.EOFException e) {
        throw new GuestFsException(path + ": content lies past the end of the device", e);
      }
    }
    position += n;
    return (int) n;
  }
}
