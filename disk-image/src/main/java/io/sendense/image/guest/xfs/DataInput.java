package io.sendense.image.guest.xfs;

import java.io.IOException;
import java.io.InputStream;

/** Streams a file in pieces of up to 1 MiB. */
final class DataInput extends InputStream {
  private static final int CHUNK = 1 << 20;
  private final FileData data;
  private final byte[] buffer;
  private long pos;
  private int len;
  private int cursor;

  DataInput(FileData data) {
    this.data = data;
    this.buffer = new byte[(int) Math.min(CHUNK, Math.max(1, data.size()))];
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int n) throws IOException {
    if (n == 0) {
      return 0;
    }
    if (cursor == len) {
      long next = pos + len;
      if (next >= data.size()) {
        return -1;
      }
      int chunk = (int) Math.min(buffer.length, data.size() - next);
      data.read(next, buffer, 0, chunk);
      pos = next;
      len = chunk;
      cursor = 0;
    }
    int k = Math.min(n, len - cursor);
    System.arraycopy(buffer, cursor, b, off, k);
    cursor += k;
    return k;
  }
}
