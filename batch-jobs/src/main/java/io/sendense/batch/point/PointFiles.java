package io.sendense.batch.point;

import io.sendense.plugin.api.source.VmConfiguration;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The file that holds a point's VM configuration next to its images: for images named {@code
 * vm-7/20260101T000000Z-j12-disk2000.qcow2} it is {@code vm-7/20260101T000000Z-j12.vm.json}, so
 * that a restore works from the repository alone.
 */
public final class PointFiles {
  public static final String CONFIG_SUFFIX = ".vm.json";
  private static final Pattern DISK_SUFFIX = Pattern.compile("-disk-?\\d+\\.qcow2$");

  private PointFiles() {}

  /** The configuration file of the point whose disk images are {@code diskFiles}. */
  public static String configFile(List<String> diskFiles) {
    if (diskFiles.isEmpty()) {
      throw new IllegalArgumentException("A point without disks has no configuration file");
    }
    String first = diskFiles.get(0);
    String stem = DISK_SUFFIX.matcher(first).replaceFirst("");
    if (stem.equals(first)) {
      stem = first.endsWith(".qcow2") ? first.substring(0, first.length() - 6) : first;
    }
    return stem + CONFIG_SUFFIX;
  }

  /** Writes the configuration atomically (temporary file, sync, rename over an older one). */
  public static void write(Path file, VmConfiguration configuration) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    byte[] json = PointJson.write(configuration).getBytes(StandardCharsets.UTF_8);
    try (FileChannel out =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(json);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  public static VmConfiguration read(Path file) throws IOException {
    try {
      return PointJson.configuration(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }
}
