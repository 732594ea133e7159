package io.sendense.batch.lifecycle;

import io.sendense.image.qcow2.ImageFacts;
import io.sendense.image.qcow2.ImageVerifier;
import io.sendense.image.store.ImageStore;
import java.io.IOException;

/**
 * How a completed image is read for its SHA-256 and verified, the same on the hub (its hasher and
 * verification) and on a node (for the repositories placed on it), so both judge the same bytes the
 * same way.
 */
public final class ImageChecks {
  private ImageChecks() {}

  /**
   * The SHA-256 of an image that was {@code recordedSize} bytes when its point completed.
   *
   * @throws IOException if it cannot be read or its size changed since (it is not hashed then)
   */
  public static String hash(ImageStore store, String file, Long recordedSize) throws IOException {
    long size;
    try (var ch = store.open(file, false)) {
      size = ch.size();
    }
    if (recordedSize != null && size != recordedSize) {
      throw new IOException(
          file + " is " + size + " bytes; " + recordedSize + " were recorded when it completed");
    }
    return ImageFacts.sha256(store, file);
  }

  /**
   * Checks an image against what was recorded ({@link ImageVerifier}); an image that cannot be read
   * is CORRUPT with the reason.
   *
   * @param expected what was recorded, or null
   */
  public static ImageVerifier.Result verify(ImageStore root, String file, ImageFacts expected) {
    try {
      return ImageVerifier.verify(root, file, expected);
    } catch (IOException e) {
      return new ImageVerifier.Result(
          root.location(file), ImageVerifier.Status.CORRUPT, file + ": " + e.getMessage(), null);
    }
  }
}
