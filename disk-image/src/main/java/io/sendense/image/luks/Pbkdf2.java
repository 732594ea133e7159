package io.sendense.image.luks;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * PBKDF2 with HMAC-SHA256 (RFC 8018) on raw bytes. The JDK's {@code PBKDF2WithHmacSHA256} takes a
 * {@code char[]} password, but LUKS also derives from the binary master key. The iterations after
 * the first run on a SHA-256 compression of our own with the HMAC key blocks hashed once: two
 * compressions per iteration instead of the four (plus allocation) of a {@code Mac} call, which
 * matters because images made by qemu carry millions of iterations.
 */
final class Pbkdf2 {
  private static final int HASH_LEN = 32;

  private static final int[] K = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
    0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
    0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
    0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
    0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2
  };
  private static final int[] IV = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
  };

  private Pbkdf2() {}

  static byte[] sha256(byte[] password, byte[] salt, int iterations, int length) {
    if (iterations < 1) {
      throw new IllegalArgumentException("PBKDF2 iterations " + iterations + " must be positive");
    }
    int[] innerState = keyState(password, 0x36);
    int[] outerState = keyState(password, 0x5c);
    Mac mac = mac(password);
    byte[] out = new byte[length];
    int[] w = new int[64];
    int[] u = new int[8];
    int[] t = new int[8];
    for (int block = 1, done = 0; done < length; block++, done += HASH_LEN) {
      mac.update(salt);
      mac.update(
          new byte[] {
            (byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block
          });
      ByteBuffer first = ByteBuffer.wrap(mac.doFinal());
      for (int k = 0; k < 8; k++) {
        u[k] = first.getInt(k * 4);
        t[k] = u[k];
      }
      for (int i = 1; i < iterations; i++) {
        hashOfDigest(innerState, u, w);
        hashOfDigest(outerState, u, w);
        for (int k = 0; k < 8; k++) {
          t[k] ^= u[k];
        }
      }
      ByteBuffer result = ByteBuffer.allocate(HASH_LEN);
      for (int k = 0; k < 8; k++) {
        result.putInt(k * 4, t[k]);
      }
      System.arraycopy(result.array(), 0, out, done, Math.min(HASH_LEN, length - done));
    }
    return out;
  }

  private static Mac mac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 refused the key: " + e.getMessage(), e);
    }
  }

  /** The SHA-256 state after the HMAC key block XOR {@code pad}. */
  private static int[] keyState(byte[] key, int pad) {
    byte[] k = key;
    if (k.length > 64) {
      try {
        k = java.security.MessageDigest.getInstance("SHA-256").digest(key);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("SHA-256 is missing from this JDK", e);
      }
    }
    int[] w = new int[64];
    for (int i = 0; i < 16; i++) {
      int v = 0;
      for (int b = 0; b < 4; b++) {
        int at = i * 4 + b;
        v = (v << 8) | (((at < k.length ? k[at] : 0) ^ pad) & 0xff);
      }
      w[i] = v;
    }
    int[] state = IV.clone();
    compress(state, w);
    return state;
  }

  /**
   * {@code u} = SHA-256 continued from {@code state} over the 32 bytes of {@code u}: one block
   * holding the digest, the padding bit, and the length (a 64-byte key block plus 32 bytes).
   */
  private static void hashOfDigest(int[] state, int[] u, int[] w) {
    System.arraycopy(u, 0, w, 0, 8);
    w[8] = 0x80000000;
    for (int i = 9; i < 15; i++) {
      w[i] = 0;
    }
    w[15] = (64 + 32) * 8;
    int[] s = state.clone();
    compress(s, w);
    System.arraycopy(s, 0, u, 0, 8);
  }

  /** One SHA-256 compression of the block in {@code w[0..15]} into {@code h}. */
  private static void compress(int[] h, int[] w) {
    for (int i = 16; i < 64; i++) {
      int x = w[i - 15];
      int y = w[i - 2];
      int s0 = Integer.rotateRight(x, 7) ^ Integer.rotateRight(x, 18) ^ (x >>> 3);
      int s1 = Integer.rotateRight(y, 17) ^ Integer.rotateRight(y, 19) ^ (y >>> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    int a = h[0];
    int b = h[1];
    int c = h[2];
    int d = h[3];
    int e = h[4];
    int f = h[5];
    int g = h[6];
    int hh = h[7];
    for (int i = 0; i < 64; i++) {
      int s1 = Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25);
      int ch = (e & f) ^ (~e & g);
      int t1 = hh + s1 + ch + K[i] + w[i];
      int s0 = Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22);
      int maj = (a & b) ^ (a & c) ^ (b & c);
      int t2 = s0 + maj;
      hh = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
  }
}
