package io.sendense.image.qcow2;

import io.sendense.image.store.ImageNames;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * How backing file names in image headers map to names in a store, and back.
 *
 * <p>{@link #IN_STORE} is for repositories: a name is relative to the image's folder and only goes
 * down from it, so a hostile header can never make the hub read outside the repository. {@link
 * #FILE_SYSTEM} is for the {@code Path} conveniences that operator tools use on their own files: it
 * follows names as {@code qemu-img} does (absolute, or relative with {@code ..}), in a store rooted
 * at the file system root.
 */
enum BackingNames {
  IN_STORE {
    @Override
    String resolve(String image, String backing) {
      return ImageNames.resolve(image, backing);
    }

    @Override
    String headerName(String image, String backing) {
      return ImageNames.relative(image, backing);
    }
  },

  FILE_SYSTEM {
    @Override
    String resolve(String image, String backing) {
      if (backing.contains("://") || backing.startsWith("json:")) {
        throw new IllegalArgumentException("backing file '" + backing + "' is not a local file");
      }
      try {
        return name(absolute(image).getParent().resolve(backing).normalize());
      } catch (InvalidPathException e) {
        throw new IllegalArgumentException(
            "backing file name is not a valid path: " + e.getReason(), e);
      }
    }

    @Override
    String headerName(String image, String backing) {
      return absolute(image).getParent().relativize(absolute(backing)).toString();
    }
  };

  /** The store name of the backing file that the header of {@code image} names. */
  abstract String resolve(String image, String backing);

  /** What the header of {@code image} records for its parent {@code backing} (a store name). */
  abstract String headerName(String image, String backing);

  /** The name of an absolute local path in a store rooted at the file system root. */
  static String name(Path absolute) {
    Path p = absolute.toAbsolutePath().normalize();
    return ImageNames.check(p.getRoot().relativize(p).toString());
  }

  private static Path absolute(String name) {
    return Path.of("/" + name);
  }
}
