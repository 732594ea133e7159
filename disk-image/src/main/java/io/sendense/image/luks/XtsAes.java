package io.sendense.image.luks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-XTS (IEEE 1619) over 512-byte sectors with the plain64 IV (the sector number, 64-bit little
 * endian, zero padded), as dm-crypt and qemu use it. The JDK has no XTS mode, so it is built from
 * AES/ECB: the tweaks of a whole segment are computed first, XORed in, the segment goes through ECB
 * in one call (AES-NI does the work), and the tweaks are XORed in again. Thread-safe: every thread
 * gets its own ciphers.
 */
public final class XtsAes {
  public static final int SECTOR = 512;

  /** Work per cipher call; large one-shot calls are slow in some JCE modes, 64 KiB is not. */
  private static final int SEGMENT = 64 << 10;

  private static final int BLOCKS_PER_SECTOR = SECTOR / 16;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final SecretKeySpec dataKey;
  private final SecretKeySpec tweakKey;
  private final ThreadLocal<Work> work = ThreadLocal.withInitial(this::newWork);

  /** A cipher for a key of 64 bytes (AES-256-XTS: data key, then tweak key). */
  public XtsAes(byte[] key) {
    if (key.length != 64) {
      throw new IllegalArgumentException("AES-256-XTS needs a 64-byte key, not " + key.length);
    }
    this.dataKey = new SecretKeySpec(Arrays.copyOfRange(key, 0, 32), "AES");
    this.tweakKey = new SecretKeySpec(Arrays.copyOfRange(key, 32, 64), "AES");
  }

  /** Encrypts {@code len} bytes (whole sectors) in place; the first is sector {@code sector}. */
  public void encrypt(byte[] buf, int off, int len, long sector) {
    run(buf, off, len, sector, true);
  }

  /** Decrypts {@code len} bytes (whole sectors) in place; the first is sector {@code sector}. */
  public void decrypt(byte[] buf, int off, int len, long sector) {
    run(buf, off, len, sector, false);
  }

  private void run(byte[] buf, int off, int len, long sector, boolean encrypt) {
    if (len % SECTOR != 0 || off < 0 || off + len > buf.length) {
      throw new IllegalArgumentException(
          "XTS works on whole 512-byte sectors: " + len + " bytes at " + off);
    }
    Work w = work.get();
    for (int done = 0; done < len; done += SEGMENT) {
      int n = Math.min(SEGMENT, len - done);
      w.segment(buf, off + done, n, sector + done / SECTOR, encrypt);
    }
  }

  private Work newWork() {
    try {
      Cipher enc = Cipher.getInstance("AES/ECB/NoPadding");
      enc.init(Cipher.ENCRYPT_MODE, dataKey);
      Cipher dec = Cipher.getInstance("AES/ECB/NoPadding");
      dec.init(Cipher.DECRYPT_MODE, dataKey);
      Cipher tweak = Cipher.getInstance("AES/ECB/NoPadding");
      tweak.init(Cipher.ENCRYPT_MODE, tweakKey);
      return new Work(enc, dec, tweak);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES is missing from this JDK", e);
    }
  }

  /** One thread's ciphers and buffers. */
  private static final class Work {
    private final Cipher enc;
    private final Cipher dec;
    private final Cipher tweak;
    private final byte[] ivs = new byte[SEGMENT / SECTOR * 16];
    private final byte[] masks = new byte[SEGMENT];
    private final byte[] out = new byte[SEGMENT];

    Work(Cipher enc, Cipher dec, Cipher tweak) {
      this.enc = enc;
      this.dec = dec;
      this.tweak = tweak;
    }

    void segment(byte[] buf, int off, int len, long sector, boolean encrypt) {
      int sectors = len / SECTOR;
      Arrays.fill(ivs, 0, sectors * 16, (byte) 0);
      for (int s = 0; s < sectors; s++) {
        LONGS.set(ivs, s * 16, sector + s);
      }
      try {
        tweak.doFinal(ivs, 0, sectors * 16, ivs, 0);
        for (int s = 0; s < sectors; s++) {
          long lo = (long) LONGS.get(ivs, s * 16);
          long hi = (long) LONGS.get(ivs, s * 16 + 8);
          int base = s * SECTOR;
          for (int b = 0; b < BLOCKS_PER_SECTOR; b++) {
            LONGS.set(masks, base + b * 16, lo);
            LONGS.set(masks, base + b * 16 + 8, hi);
            long carry = hi >> 63;
            hi = (hi << 1) | (lo >>> 63);
            lo = (lo << 1) ^ (carry & 0x87);
          }
        }
        for (int i = 0; i < len; i += 8) {
          LONGS.set(buf, off + i, (long) LONGS.get(buf, off + i) ^ (long) LONGS.get(masks, i));
        }
        (encrypt ? enc : dec).doFinal(buf, off, len, out, 0);
        for (int i = 0; i < len; i += 8) {
          LONGS.set(buf, off + i, (long) LONGS.get(out, i) ^ (long) LONGS.get(masks, i));
        }
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES/ECB failed on whole blocks", e);
      }
    }
  }
}
