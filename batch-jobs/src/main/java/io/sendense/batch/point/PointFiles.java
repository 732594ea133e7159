package io.sendense.batch.point;

import io.sendense.image.store.ImageChannel;
import io.sendense.image.store.ImageStore;
import io.sendense.plugin.api.source.VmConfiguration;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The file that holds a point's VM configuration next to its images: for images named {@code
 * vm-7/20260101T000000Z-j12-disk2000.qcow2} it is {@code vm-7/20260101T000000Z-j12.vm.json}, so
 * that a restore works from the repository alone.
 */
public final class PointFiles {
  public static final String CONFIG_SUFFIX = ".vm.json";
  private static final long MAX_BYTES = 16L << 20;
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

  /**
   * Writes the configuration under {@code name} in the repository: a temporary file, synced, then
   * renamed into place (an older file of the same name, from an earlier attempt, is replaced).
   */
  public static void write(ImageStore store, String name, VmConfiguration configuration)
      throws IOException {
    int slash = name.lastIndexOf('/');
    String folder = slash < 0 ? "" : name.substring(0, slash);
    if (!folder.isEmpty()) {
      store.createDirectories(folder);
    }
    String temp = name + ".tmp";
    store.deleteIfExists(temp);
    byte[] json = PointJson.write(configuration).getBytes(StandardCharsets.UTF_8);
    try (ImageChannel out = store.create(temp)) {
      out.write(ByteBuffer.wrap(json), 0);
      out.sync();
    }
    // The store's rename never replaces; the catalog holds the same configuration meanwhile.
    store.deleteIfExists(name);
    store.rename(temp, name);
    store.syncFolder(folder);
  }

  /**
   * After a point was taken out of its chains: when a merge moved the next point (the heir) into
   * the removed point's image files, the heir's configuration file takes over the removed point's
   * configuration name, so that the file next to the heir's images is the heir's own; when nothing
   * was merged into them (no heir), the removed point's configuration file is deleted. Safe to call
   * again after an interruption: once the heir's file has moved, nothing changes.
   *
   * @param removedFiles the removed point's image files
   * @param heirFiles the heir's image files before the merge, empty when there is no heir
   */
  public static void handOver(ImageStore store, List<String> removedFiles, List<String> heirFiles)
      throws IOException {
    if (removedFiles.isEmpty()) {
      return;
    }
    String removed = configFile(removedFiles);
    if (heirFiles.isEmpty()) {
      store.deleteIfExists(removed);
      return;
    }
    String heir = configFile(heirFiles);
    if (heir.equals(removed) || !store.isFile(heir)) {
      return;
    }
    store.deleteIfExists(removed);
    store.rename(heir, removed);
    int slash = removed.lastIndexOf('/');
    store.syncFolder(slash < 0 ? "" : removed.substring(0, slash));
  }

  /** Reads the configuration file {@code name} of the repository. */
  public static VmConfiguration read(ImageStore store, String name) throws IOException {
    try (ImageChannel in = store.open(name, false)) {
      long size = in.size();
      if (size > MAX_BYTES) {
        throw new IOException(
            store.location(name) + ": " + size + " bytes, not a VM configuration");
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) size);
      while (buffer.hasRemaining()) {
        if (in.read(buffer, buffer.position()) < 0) {
          throw new IOException(store.location(name) + ": ends early");
        }
      }
      return PointJson.configuration(new String(buffer.array(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IOException(store.location(name) + ": " + e.getMessage(), e);
    }
  }

  /** Reads a configuration file from a local path (the {@code sendense-image} side, tests). */
  public static VmConfiguration read(Path file) throws IOException {
    try {
      return PointJson.configuration(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }
}
