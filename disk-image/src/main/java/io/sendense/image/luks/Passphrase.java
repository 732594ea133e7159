package io.sendense.image.luks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The secret that unlocks encrypted images: its bytes exactly as qemu's {@code --object
 * secret,file=F} reads them (a file's whole content, a trailing newline included), so that one file
 * opens the image in both tools. Never printed: {@link #toString()} says only that it is redacted.
 */
public final class Passphrase {
  /** LUKS1 keeps no limit; this only stops a wrong file (an image, say) from being used. */
  public static final int MAX_BYTES = 8192;

  private final byte[] bytes;
  private final boolean generated;

  private Passphrase(byte[] bytes) {
    this(bytes, false);
  }

  private Passphrase(byte[] bytes, boolean generated) {
    this.generated = generated;
    if (bytes.length == 0) {
      throw new IllegalArgumentException("the passphrase is empty");
    }
    if (bytes.length > MAX_BYTES) {
      throw new IllegalArgumentException(
          "the passphrase is longer than " + MAX_BYTES + " bytes; is it the right file?");
    }
    this.bytes = bytes.clone();
  }

  /** The UTF-8 bytes of {@code text}. */
  public static Passphrase of(String text) {
    return new Passphrase(text.getBytes(StandardCharsets.UTF_8));
  }

  public static Passphrase of(byte[] bytes) {
    return new Passphrase(bytes);
  }

  /**
   * A passphrase that is itself a random key of at least 128 bits (the hub generates 256), not
   * something a person chose: stretching it with many PBKDF2 iterations adds no strength, so key
   * slots made for it use the LUKS minimum of 1000 and images open in milliseconds.
   */
  public static Passphrase generated(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    if (b.length < 22) {
      throw new IllegalArgumentException("a generated passphrase has at least 128 random bits");
    }
    return new Passphrase(b, true);
  }

  /** Whether this is a generated random key (see {@link #generated}). */
  public boolean generated() {
    return generated;
  }

  /** The whole content of {@code file}, as qemu's secret object with {@code file=} reads it. */
  public static Passphrase fromFile(Path file) throws IOException {
    if (Files.size(file) > MAX_BYTES) {
      throw new IOException(
          file + ": passphrase file is larger than " + MAX_BYTES + " bytes; is it the right file?");
    }
    byte[] content = Files.readAllBytes(file);
    try {
      return new Passphrase(content);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    } finally {
      Arrays.fill(content, (byte) 0);
    }
  }

  /** A copy of the bytes; the caller should wipe it after use. */
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public String toString() {
    return "Passphrase[redacted]";
  }
}
