package io.sendense.image.guest;

import java.io.IOException;
import java.util.Optional;

/** Recognises one kind of file system from its first bytes and opens it. */
public interface FileSystemProbe {
  /** The type name this probe opens, e.g. {@code ext4}. */
  String type();

  /**
   * Opens the file system if the device holds one of this kind; empty when the signature does not
   * match. A matching signature with corrupt structures throws {@link GuestFsException}.
   */
  Optional<GuestFileSystem> open(BlockDevice device) throws IOException;
}
