package io.sendense.image.qcow2;

import io.sendense.image.store.ImageNames;
import io.sendense.image.store.ImageStore;
import io.sendense.image.store.LocalImageStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Checks one image file against what was recorded when it was written: present, the same size, the
 * same QCOW2 header facts, a sound structure (tables inside the file, refcounts that match) and the
 * same SHA-256. Reads the whole file once for the hash.
 */
public final class ImageVerifier {
  /** What a check found. */
  public enum Status {
    OK,
    CORRUPT,
    MISSING
  }

  /**
   * The outcome for one file.
   *
   * @param file where the file is (its path, or its repository and name)
   * @param detail what is wrong, or for OK a note (for example that no hash was recorded)
   * @param sha256 the hash found (null when the file is missing)
   */
  public record Result(String file, Status status, String detail, String sha256) {}

  private ImageVerifier() {}

  /**
   * @param expected what was recorded, or null when nothing was (then only the structure is
   *     checked); its SHA-256 may be null too. The hash found is returned for recording.
   */
  public static Result verify(ImageStore store, String name, ImageFacts expected)
      throws IOException {
    String file = store.location(name);
    String shortName = ImageNames.fileName(name);
    if (!store.isFile(name)) {
      return new Result(file, Status.MISSING, shortName + " is missing", null);
    }
    ImageFacts found;
    try {
      found = ImageFacts.read(store, name);
    } catch (CorruptImageException e) {
      return corrupt(file, shortName, "QCOW2 header or tables: " + e.problem(), null);
    }
    if (expected == null) {
      expected =
          new ImageFacts(
              found.fileSize(),
              null,
              found.virtualSize(),
              found.clusterSize(),
              found.backingFile(),
              found.allocatedBytes());
    }
    if (found.fileSize() != expected.fileSize()) {
      return corrupt(
          file,
          shortName,
          "is " + found.fileSize() + " bytes; " + expected.fileSize() + " were recorded",
          found.sha256());
    }
    if (found.virtualSize() != expected.virtualSize()
        || found.clusterSize() != expected.clusterSize()
        || !Objects.equals(found.backingFile(), expected.backingFile())) {
      return corrupt(
          file,
          shortName,
          "header says virtual size "
              + found.virtualSize()
              + ", cluster size "
              + found.clusterSize()
              + ", backing file "
              + found.backingFile()
              + "; recorded "
              + expected.virtualSize()
              + ", "
              + expected.clusterSize()
              + ", "
              + expected.backingFile(),
          found.sha256());
    }
    CheckReport check = Qcow2Checker.check(store, name);
    if (!check.errors().isEmpty()) {
      return corrupt(
          file, shortName, "QCOW2 structure: " + String.join("; ", check.errors()), found.sha256());
    }
    if (expected.sha256() == null) {
      return new Result(
          file, Status.OK, "no SHA-256 was recorded; the structure is sound", found.sha256());
    }
    if (!expected.sha256().equalsIgnoreCase(found.sha256())) {
      return corrupt(
          file,
          shortName,
          "SHA-256 is " + found.sha256() + "; " + expected.sha256() + " was recorded",
          found.sha256());
    }
    return new Result(file, Status.OK, "", found.sha256());
  }

  /** Same as {@link #verify(ImageStore, String, ImageFacts)} for a local file. */
  public static Result verify(Path file, ImageFacts expected) throws IOException {
    return verify(LocalImageStore.fileSystem(), BackingNames.name(file), expected);
  }

  private static Result corrupt(String file, String shortName, String detail, String sha256) {
    return new Result(file, Status.CORRUPT, shortName + ": " + detail, sha256);
  }
}
