package io.sendense.image.store;

/**
 * A file or folder in an {@link ImageStore}.
 *
 * @param name its name in the store (a relative path such as {@code vm-1/full.qcow2})
 * @param directory whether it is a folder
 * @param size size in bytes of a file, 0 for a folder
 */
public record ImageEntry(String name, boolean directory, long size) {

  /** The last segment of the name. */
  public String fileName() {
    return ImageNames.fileName(name);
  }
}
