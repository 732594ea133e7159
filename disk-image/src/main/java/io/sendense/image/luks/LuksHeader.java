package io.sendense.image.luks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;

/**
 * A LUKS1 header (592 bytes, big endian) with AES-256-XTS-plain64 and SHA-256, and its eight key
 * slots; creates a new one with a random master key and unlocks an existing one with a passphrase.
 * The layout of the key material follows cryptsetup and qemu: slot {@code i} at sector {@code 8 + i
 * * 504}, 4000 stripes of the 64-byte key, the whole area 4040 sectors long.
 */
public final class LuksHeader {
  public static final int HEADER_BYTES = 592;
  public static final int KEY_BYTES = 64;
  public static final int STRIPES = 4000;
  public static final int SLOTS = 8;

  /** Slot PBKDF2 iterations of new headers (see docs/disk-image.md for the choice). */
  public static final int DEFAULT_SLOT_ITERATIONS = 100_000;

  /** Slot PBKDF2 iterations for a generated random passphrase: the LUKS (and qemu) minimum. */
  public static final int MIN_SLOT_ITERATIONS = 1000;

  /** The slot iterations new headers use for {@code passphrase}. */
  public static int slotIterations(Passphrase passphrase) {
    return passphrase.generated() ? MIN_SLOT_ITERATIONS : DEFAULT_SLOT_ITERATIONS;
  }

  /** Master-key digest iterations of new headers: the LUKS minimum; the key is random. */
  static final int MASTER_KEY_ITERATIONS = 1000;

  /** A hostile header must not make an open take hours: more iterations are refused. */
  static final long MAX_ITERATIONS = 20_000_000;

  private static final byte[] MAGIC = {'L', 'U', 'K', 'S', (byte) 0xba, (byte) 0xbe};
  private static final int SLOT_ENABLED = 0x00AC71F3;
  private static final int SLOT_DISABLED = 0x0000DEAD;
  private static final int SLOT_OFFSET_SECTORS = 8;
  private static final int SLOT_SECTORS = 504;
  private static final int SALT = 32;
  private static final int DIGEST = 20;
  private static final int SLOTS_AT = 208;

  private final byte[] raw;
  private final long areaBytes;

  private LuksHeader(byte[] raw, long areaBytes) {
    this.raw = raw;
    this.areaBytes = areaBytes;
  }

  /** Reads key material of a slot: {@code length} bytes at {@code offset} of the LUKS area. */
  @FunctionalInterface
  public interface AreaReader {
    byte[] read(long offset, int length) throws IOException;
  }

  /** A new header with its whole area (header, key material, zeros) and the master key. */
  public record Created(byte[] area, byte[] masterKey) {}

  /** Bytes of the LUKS area (header and all key slots) of headers this class creates. */
  public static long areaBytes() {
    return (long) (SLOT_OFFSET_SECTORS + SLOTS * SLOT_SECTORS) * XtsAes.SECTOR;
  }

  /** A new header: random master key, slot 0 unlocked by {@code passphrase}, others disabled. */
  public static Created create(Passphrase passphrase, int slotIterations, SecureRandom random) {
    byte[] master = new byte[KEY_BYTES];
    random.nextBytes(master);
    ByteBuffer h = ByteBuffer.allocate((int) areaBytes());
    h.put(MAGIC).putShort((short) 1);
    put(h, 8, "aes", 32);
    put(h, 40, "xts-plain64", 32);
    put(h, 72, "sha256", 32);
    h.putInt(104, (int) (areaBytes() / XtsAes.SECTOR)).putInt(108, KEY_BYTES);
    byte[] mkSalt = bytes(random, SALT);
    h.put(132, mkSalt).putInt(164, MASTER_KEY_ITERATIONS);
    h.put(112, Pbkdf2.sha256(master, mkSalt, MASTER_KEY_ITERATIONS, DIGEST));
    put(h, 168, UUID.randomUUID().toString(), 40);
    byte[] slotSalt = bytes(random, SALT);
    for (int i = 0; i < SLOTS; i++) {
      int at = SLOTS_AT + i * 48;
      h.putInt(at, i == 0 ? SLOT_ENABLED : SLOT_DISABLED);
      h.putInt(at + 4, i == 0 ? slotIterations : 0);
      if (i == 0) {
        h.put(at + 8, slotSalt);
      }
      h.putInt(at + 40, SLOT_OFFSET_SECTORS + i * SLOT_SECTORS).putInt(at + 44, STRIPES);
    }
    byte[] pass = passphrase.bytes();
    byte[] slotKey = Pbkdf2.sha256(pass, slotSalt, slotIterations, KEY_BYTES);
    Arrays.fill(pass, (byte) 0);
    byte[] material = AfSplitter.split(master, STRIPES, random);
    new XtsAes(slotKey).encrypt(material, 0, material.length, 0);
    Arrays.fill(slotKey, (byte) 0);
    h.put(SLOT_OFFSET_SECTORS * XtsAes.SECTOR, material);
    return new Created(h.array(), master);
  }

  /**
   * Parses and checks a header.
   *
   * @param areaBytes bytes the image reserves for the LUKS area; key material must lie inside it
   */
  public static LuksHeader parse(byte[] header, long areaBytes) throws LuksFormatException {
    if (header.length < HEADER_BYTES || !Arrays.equals(header, 0, 6, MAGIC, 0, 6)) {
      throw new LuksFormatException("no LUKS header (magic LUKS\\xba\\xbe missing)");
    }
    ByteBuffer h = ByteBuffer.wrap(header);
    check(h.getShort(6) == 1, "LUKS version " + h.getShort(6) + " is not supported, only 1");
    String cipher = text(header, 8, 32);
    String mode = text(header, 40, 32);
    String hash = text(header, 72, 32);
    check(
        cipher.equals("aes") && mode.equals("xts-plain64") && h.getInt(108) == KEY_BYTES,
        "cipher "
            + cipher
            + "-"
            + mode
            + " with "
            + h.getInt(108) * 8
            + "-bit keys is not supported, only aes-xts-plain64 with 512-bit keys");
    check(hash.equals("sha256"), "hash " + hash + " is not supported, only sha256");
    checkIterations(h.getInt(164), "master key digest");
    LuksHeader parsed = new LuksHeader(Arrays.copyOf(header, HEADER_BYTES), areaBytes);
    for (int i = 0; i < SLOTS; i++) {
      parsed.checkSlot(i);
    }
    return parsed;
  }

  private void checkSlot(int i) throws LuksFormatException {
    ByteBuffer h = ByteBuffer.wrap(raw);
    int at = SLOTS_AT + i * 48;
    int state = h.getInt(at);
    if (state != SLOT_ENABLED) {
      return;
    }
    checkIterations(h.getInt(at + 4), "key slot " + i);
    long stripes = h.getInt(at + 44) & 0xffffffffL;
    check(stripes >= 1 && stripes <= STRIPES, "key slot " + i + " has " + stripes + " stripes");
    long offset = (h.getInt(at + 40) & 0xffffffffL) * XtsAes.SECTOR;
    check(
        offset >= HEADER_BYTES && offset + stripes * KEY_BYTES <= areaBytes,
        "key slot " + i + " material lies outside the LUKS area of " + areaBytes + " bytes");
  }

  private static void checkIterations(int iterations, String what) throws LuksFormatException {
    long n = iterations & 0xffffffffL;
    check(
        n >= 1 && n <= MAX_ITERATIONS,
        what + " has " + n + " PBKDF2 iterations (1.." + MAX_ITERATIONS + " accepted)");
  }

  /** The master key that {@code passphrase} unlocks, or null if no key slot accepts it. */
  public byte[] unlock(Passphrase passphrase, AreaReader area) throws IOException {
    byte[] cacheKey = UnlockCache.key(raw, passphrase);
    byte[] cached = UnlockCache.get(cacheKey);
    if (cached != null) {
      return cached;
    }
    ByteBuffer h = ByteBuffer.wrap(raw);
    byte[] pass = passphrase.bytes();
    try {
      for (int i = 0; i < SLOTS; i++) {
        int at = SLOTS_AT + i * 48;
        if (h.getInt(at) != SLOT_ENABLED) {
          continue;
        }
        byte[] master = trySlot(h, at, pass, area);
        if (master != null) {
          UnlockCache.put(cacheKey, master);
          return master;
        }
      }
      return null;
    } finally {
      Arrays.fill(pass, (byte) 0);
    }
  }

  private byte[] trySlot(ByteBuffer h, int at, byte[] pass, AreaReader area) throws IOException {
    byte[] salt = Arrays.copyOfRange(raw, at + 8, at + 8 + SALT);
    byte[] slotKey = Pbkdf2.sha256(pass, salt, h.getInt(at + 4), KEY_BYTES);
    int stripes = h.getInt(at + 44);
    byte[] material =
        area.read((h.getInt(at + 40) & 0xffffffffL) * XtsAes.SECTOR, stripes * KEY_BYTES);
    int whole = material.length / XtsAes.SECTOR * XtsAes.SECTOR;
    byte[] padded =
        Arrays.copyOf(material, whole == material.length ? whole : whole + XtsAes.SECTOR);
    new XtsAes(slotKey).decrypt(padded, 0, padded.length, 0);
    Arrays.fill(slotKey, (byte) 0);
    byte[] master = AfSplitter.merge(padded, KEY_BYTES, stripes);
    byte[] mkSalt = Arrays.copyOfRange(raw, 132, 132 + SALT);
    byte[] digest = Pbkdf2.sha256(master, mkSalt, h.getInt(164), DIGEST);
    if (MessageDigest.isEqual(digest, Arrays.copyOfRange(raw, 112, 112 + DIGEST))) {
      return master;
    }
    Arrays.fill(master, (byte) 0);
    return null;
  }

  /** The LUKS UUID, as stored. */
  public String uuid() {
    return text(raw, 168, 40);
  }

  private static void put(ByteBuffer h, int at, String text, int max) {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    h.put(at, b, 0, Math.min(b.length, max - 1));
  }

  private static String text(byte[] raw, int at, int max) {
    int end = at;
    while (end < at + max && raw[end] != 0) {
      end++;
    }
    return new String(raw, at, end - at, StandardCharsets.US_ASCII);
  }

  private static byte[] bytes(SecureRandom random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static void check(boolean ok, String problem) throws LuksFormatException {
    if (!ok) {
      throw new LuksFormatException(problem);
    }
  }
}
