package io.sendense.image.luks;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Master keys already unlocked in this process, by the SHA-256 of the LUKS header and the
 * passphrase: opening a chain again (every file restore, every verification) would otherwise pay
 * the slot's PBKDF2 for each image each time. The header holds its salts and master-key digest, so
 * a header and passphrase pair names exactly one master key. Kept in memory only, bounded.
 */
final class UnlockCache {
  private static final int MAX = 512;
  private static final Map<String, byte[]> KEYS =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
          return size() > MAX;
        }
      };

  private UnlockCache() {}

  static byte[] key(byte[] header, Passphrase passphrase) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(header);
      byte[] pass = passphrase.bytes();
      sha.update(pass);
      java.util.Arrays.fill(pass, (byte) 0);
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  static byte[] get(byte[] key) {
    synchronized (KEYS) {
      byte[] master = KEYS.get(java.util.HexFormat.of().formatHex(key));
      return master == null ? null : master.clone();
    }
  }

  static void put(byte[] key, byte[] master) {
    synchronized (KEYS) {
      KEYS.put(java.util.HexFormat.of().formatHex(key), master.clone());
    }
  }
}
