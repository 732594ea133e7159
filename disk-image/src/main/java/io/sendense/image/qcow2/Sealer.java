package io.sendense.image.qcow2;

import io.sendense.image.luks.XtsAes;
import io.sendense.image.store.ImageChannel;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Encrypts guest data on its way into an encrypted image being written. qemu encrypts each 512-byte
 * sector with its host offset as the XTS tweak ({@code crypt_physical_offset} for LUKS), so data is
 * sealed only once its host offset is known. The caller's buffer is never changed: data is copied
 * into a per-thread work buffer, encrypted there, then written (from an aligned direct buffer, so a
 * local store can still write runs O_DIRECT). Writes into the middle of a sector read, decrypt and
 * re-encrypt the sectors around them.
 */
final class Sealer {
  private final XtsAes cipher;
  private final int workBytes;
  private final ThreadLocal<byte[]> work;
  private final ThreadLocal<ByteBuffer> direct;

  Sealer(XtsAes cipher, int clusterSize) {
    this.cipher = cipher;
    this.workBytes = Math.max(FreshBatch.MAX_BYTES, clusterSize);
    this.work = ThreadLocal.withInitial(() -> new byte[workBytes]);
    this.direct = ThreadLocal.withInitial(() -> Buffers.aligned(workBytes));
  }

  /** Writes {@code len} bytes (whole sectors) of {@code data} at {@code pos} to fresh space. */
  void writeFresh(ImageChannel channel, ByteBuffer data, int pos, int len, long host)
      throws IOException {
    byte[] w = work.get();
    for (int done = 0; done < len; done += workBytes) {
      int n = Math.min(workBytes, len - done);
      int sealed = (int) Qcow2Format.alignUp(n, XtsAes.SECTOR);
      data.get(pos + done, w, 0, n);
      java.util.Arrays.fill(w, n, sealed, (byte) 0);
      cipher.encrypt(w, 0, sealed, (host + done) / XtsAes.SECTOR);
      ByteBuffer out = direct.get().clear();
      out.put(w, 0, sealed).flip();
      channel.writeFresh(out, host + done);
    }
  }

  /** Overwrites {@code len} bytes at host offset {@code host} of data this image holds. */
  void overwrite(ImageChannel channel, ByteBuffer data, int pos, int len, long host)
      throws IOException {
    long start = host & ~(XtsAes.SECTOR - 1L);
    int total = (int) (Qcow2Format.alignUp(host + len, XtsAes.SECTOR) - start);
    byte[] w = total <= workBytes ? work.get() : new byte[total];
    ByteBuffer sectors = ByteBuffer.wrap(w, 0, total);
    if (start != host || total != len) {
      channel.readOrZero(sectors, start);
      cipher.decrypt(w, 0, total, start / XtsAes.SECTOR);
    }
    data.get(pos, w, (int) (host - start), len);
    cipher.encrypt(w, 0, total, start / XtsAes.SECTOR);
    channel.write(ByteBuffer.wrap(w, 0, total), start);
  }
}
