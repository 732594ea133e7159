package io.sendense.image.point;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Where manifests live and how they are written (atomically) and read. */
public final class PointManifests {
  public static final String SUFFIX = ".point.json";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private PointManifests() {}

  /**
   * The name of a point in its VM's folder, as its images are named: {@code <UTC start>-j<batch job
   * instance>}, or {@code -b<backup id>} for a point without a job instance.
   */
  public static String pointName(Instant started, Long jobInstanceId, long backupId) {
    return STAMP.format(started) + (jobInstanceId != null ? "-j" + jobInstanceId : "-b" + backupId);
  }

  public static String fileName(String point) {
    return point + SUFFIX;
  }

  /**
   * Writes {@code manifest} into {@code folder} under its point's name: to a temporary file,
   * synced, then renamed over the old manifest in one step, so a reader sees the old or the new
   * one.
   */
  public static Path write(Path folder, PointManifest manifest) throws IOException {
    Files.createDirectories(folder);
    Path target = folder.resolve(fileName(manifest.point()));
    Path tmp = folder.resolve(fileName(manifest.point()) + ".tmp");
    byte[] json = JsonText.write(manifest.toMap()).getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      var buf = java.nio.ByteBuffer.wrap(json);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncFolder(folder);
    return target;
  }

  /**
   * Reads a manifest.
   *
   * @throws ManifestException naming the file and the problem when it is not a valid manifest
   */
  public static PointManifest read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "no such manifest");
    }
    if (Files.size(file) > JsonText.MAX_LENGTH) {
      throw new ManifestException(file, "is larger than a manifest can be");
    }
    try {
      return ManifestReader.read(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | java.nio.charset.MalformedInputException e) {
      throw new ManifestException(file, e.getMessage());
    }
  }

  /** Deletes a point's manifest; false if there was none. */
  public static boolean delete(Path folder, String point) throws IOException {
    return Files.deleteIfExists(folder.resolve(fileName(point)));
  }

  /** The manifests in the folders directly below a repository's root, sorted by path. */
  public static List<Path> find(Path root) throws IOException {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> folders = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path folder : folders) {
        found.addAll(in(folder));
      }
    }
    found.sort(null);
    return found;
  }

  /** The manifests in one folder, sorted by name. */
  public static List<Path> in(Path folder) throws IOException {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
      files.forEach(found::add);
    }
    found.sort(null);
    return found;
  }

  private static void syncFolder(Path folder) {
    try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some file systems cannot open a folder; the rename is as durable as they make it.
    }
  }
}
