package io.sendense.image.luks;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The LUKS1 anti-forensic information splitter with SHA-256: a key becomes {@code stripes} blocks
 * of which all are needed to recover it, so that wiping any part of a key slot destroys the key.
 * Between blocks the running XOR is "diffused": each digest-sized piece is replaced by the hash of
 * its big-endian index followed by the piece.
 */
final class AfSplitter {
  private static final int DIGEST = 32;

  private AfSplitter() {}

  static byte[] split(byte[] key, int stripes, SecureRandom random) {
    int n = key.length;
    byte[] out = new byte[n * stripes];
    byte[] block = new byte[n];
    for (int i = 0; i < stripes - 1; i++) {
      byte[] stripe = new byte[n];
      random.nextBytes(stripe);
      System.arraycopy(stripe, 0, out, i * n, n);
      xor(block, out, i * n);
      diffuse(block);
    }
    for (int k = 0; k < n; k++) {
      out[(stripes - 1) * n + k] = (byte) (block[k] ^ key[k]);
    }
    return out;
  }

  static byte[] merge(byte[] material, int keyLength, int stripes) {
    byte[] block = new byte[keyLength];
    for (int i = 0; i < stripes - 1; i++) {
      xor(block, material, i * keyLength);
      diffuse(block);
    }
    byte[] key = new byte[keyLength];
    for (int k = 0; k < keyLength; k++) {
      key[k] = (byte) (block[k] ^ material[(stripes - 1) * keyLength + k]);
    }
    return key;
  }

  private static void xor(byte[] block, byte[] src, int at) {
    for (int k = 0; k < block.length; k++) {
      block[k] ^= src[at + k];
    }
  }

  private static void diffuse(byte[] block) {
    MessageDigest sha = sha256();
    for (int i = 0, at = 0; at < block.length; i++, at += DIGEST) {
      int len = Math.min(DIGEST, block.length - at);
      sha.update(new byte[] {(byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i});
      sha.update(block, at, len);
      System.arraycopy(sha.digest(), 0, block, at, len);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
