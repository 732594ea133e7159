package io.sendense.webapp.immutability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * What a local folder itself enforces on an immutable point's files: the write permissions are
 * taken away (read-only) and, when the hub runs with CAP_LINUX_IMMUTABLE (root has it unless a
 * container drops it), the immutable attribute is set with the {@code chattr} tool (e2fsprogs), so
 * that not even root can delete, rename or change the file until the attribute is cleared. Files on
 * SMB and NFS shares are not touched: there the hub alone enforces the lock.
 */
public final class FileProtection {
  private static final Logger LOG = Logger.getLogger(FileProtection.class.getName());
  private static final int CAP_LINUX_IMMUTABLE = 9;
  private static final Set<PosixFilePermission> WRITE =
      EnumSet.of(
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.OTHERS_WRITE);

  /** What protects a point's files. */
  public enum Level {
    /** Only the hub refuses changes (SMB, NFS, or the files could not be protected). */
    NONE,
    /** The files are read-only. */
    READ_ONLY,
    /** The files are read-only and carry the immutable attribute. */
    IMMUTABLE_ATTRIBUTE
  }

  private final String chattr;

  public FileProtection(String chattr) {
    this.chattr = chattr;
  }

  /** Protection with {@code /usr/bin/chattr}, or {@code chattr} from the PATH. */
  public static FileProtection system() {
    return new FileProtection(
        Files.isExecutable(Path.of("/usr/bin/chattr")) ? "/usr/bin/chattr" : "chattr");
  }

  /** Whether this process may set the immutable attribute (it has CAP_LINUX_IMMUTABLE). */
  public static boolean mayMakeImmutable() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("CapEff:")) {
          long caps = Long.parseUnsignedLong(line.substring(7).strip(), 16);
          return (caps & (1L << CAP_LINUX_IMMUTABLE)) != 0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      LOG.fine(() -> "capabilities unknown: " + e);
    }
    return false;
  }

  /** Makes the existing files among {@code files} read-only and, if allowed, immutable. */
  public Level protect(List<Path> files) throws IOException {
    List<Path> present = present(files);
    if (present.isEmpty()) {
      return Level.NONE;
    }
    for (Path f : present) {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
      if (perms.removeAll(WRITE)) {
        Files.setPosixFilePermissions(f, perms);
      }
    }
    if (!mayMakeImmutable()) {
      return Level.READ_ONLY;
    }
    String failure = chattr("+i", present);
    if (failure != null) {
      LOG.warning(() -> "Immutable attribute not set (files stay read-only): " + failure);
      return Level.READ_ONLY;
    }
    return Level.IMMUTABLE_ATTRIBUTE;
  }

  /**
   * Clears the immutable attribute and gives the owner write permission back, so that a point whose
   * lock has expired can be deleted or merged. The caller has checked that the lock expired.
   */
  public void release(List<Path> files) throws IOException {
    List<Path> present = present(files);
    if (present.isEmpty()) {
      return;
    }
    if (mayMakeImmutable()) {
      String failure = chattr("-i", present);
      if (failure != null) {
        throw new IOException("Cannot clear the immutable attribute: " + failure);
      }
    }
    for (Path f : present) {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
      if (perms.add(PosixFilePermission.OWNER_WRITE)) {
        Files.setPosixFilePermissions(f, perms);
      }
    }
  }

  private static List<Path> present(List<Path> files) {
    return files.stream().filter(Files::isRegularFile).toList();
  }

  /** Runs chattr on the files; null when it worked, else what it said. */
  private String chattr(String flag, List<Path> files) throws IOException {
    List<String> command = new ArrayList<>(List.of(chattr, flag, "--"));
    files.forEach(f -> command.add(f.toString()));
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return "the chattr tool cannot be run (" + e.getMessage() + "); install e2fsprogs";
    }
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "chattr did not finish within 60 s";
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted while running chattr", e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    return p.exitValue() == 0 ? null : "chattr " + flag + " exited " + p.exitValue() + ": " + out;
  }
}
