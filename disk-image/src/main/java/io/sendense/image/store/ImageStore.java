package io.sendense.image.store;

import io.sendense.image.luks.Passphrase;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The files of one repository (a local folder, a share, an export): what the QCOW2 writer and
 * reader need from storage and nothing more. Names are relative paths with {@code /} between
 * segments, checked by {@link ImageNames}: nothing absolute, no {@code .} or {@code ..}, so no name
 * can leave the store. Implementations are safe for use by several threads.
 *
 * <p>Errors are {@link IOException}s that say which file and what went wrong; a missing file is a
 * {@link java.nio.file.NoSuchFileException}, an existing one where none may be a {@link
 * java.nio.file.FileAlreadyExistsException}.
 */
public interface ImageStore extends Closeable {

  /** Where a name is, for messages: a local path, or the store's location and the name. */
  String location(String name);

  /** The file or folder at {@code name}, or empty if there is none. */
  Optional<ImageEntry> stat(String name) throws IOException;

  /** Whether a regular file exists at {@code name}. */
  default boolean isFile(String name) throws IOException {
    return stat(name).map(e -> !e.directory()).orElse(false);
  }

  /** The entries directly inside a folder ({@code ""} is the root), sorted by name. */
  List<ImageEntry> list(String folder) throws IOException;

  /** Creates a folder and its missing parents; nothing happens if it exists. */
  void createDirectories(String folder) throws IOException;

  /** Creates a new empty file, open for reading and writing; fails if anything exists there. */
  ImageChannel create(String name) throws IOException;

  /** Opens an existing file; a read-only channel refuses writes. */
  ImageChannel open(String name, boolean writable) throws IOException;

  /**
   * Renames a file in one atomic step; the target's folder must exist and the target must not (it
   * is never replaced).
   */
  void rename(String from, String to) throws IOException;

  /** Deletes a file or an empty folder; returns false if nothing was there. */
  boolean deleteIfExists(String name) throws IOException;

  /**
   * Makes the entries of a folder (creations, renames) durable where the storage needs that
   * separately from its files; a no-op where it does not apply.
   */
  default void syncFolder(String folder) throws IOException {}

  /**
   * The passphrase of this repository's encrypted images, or null when it has none: chains opened
   * on the store are unlocked with it, images written into it are encrypted with it (QCOW2 LUKS),
   * and merges in it decrypt and encrypt with it.
   */
  default Passphrase passphrase() {
    return null;
  }

  /**
   * {@code store} with {@code passphrase} as its {@link #passphrase()}; the store itself if null.
   */
  static ImageStore withPassphrase(ImageStore store, Passphrase passphrase) {
    return passphrase == null ? store : new EncryptedImageStore(store, passphrase);
  }

  /** Releases connections; channels opened from the store become unusable. */
  @Override
  default void close() throws IOException {}
}
