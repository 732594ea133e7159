package io.sendense.image.guest.ntfs;

import java.io.IOException;
import java.io.InputStream;

/** Streams a {@link NonResidentData} in pieces of up to 1 MiB, one device read per run piece. */
final class StreamInput extends InputStream {
  private static final int CHUNK = 1 << 20;
  private final NonResidentData data;
  private final byte[] buffer;
  private long bufferPos;
  private int bufferLen;
  private int cursor;

  StreamInput(NonResidentData data) {
    this.data = data;
    this.buffer = new byte[(int) Math.min(CHUNK, Math.max(1, data.size()))];
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (cursor == bufferLen && !fill()) {
      return -1;
    }
    int n = Math.min(len, bufferLen - cursor);
    System.arraycopy(buffer, cursor, b, off, n);
    cursor += n;
    return n;
  }

  private boolean fill() throws IOException {
    long pos = bufferPos + bufferLen;
    if (pos >= data.size()) {
      return false;
    }
    int n = (int) Math.min(buffer.length, data.size() - pos);
    data.read(pos, buffer, 0, n);
    bufferPos = pos;
    bufferLen = n;
    cursor = 0;
    return true;
  }
}
