package io.sendense.image.qcow2;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of {@link Qcow2Writer} that run once per image rather than per write: building the
 * header template, opening the parent chain, reloading a checkpoint, syncing the folder, and
 * removing partial files left by crashed writers.
 */
final class WriterSetup {
  static final String BACKING_FORMAT = "qcow2";

  private WriterSetup() {}

  static Qcow2Header header(Path target, Qcow2Options o) {
    String backing = o.backingFile() == null ? null : relativeName(target, o.backingFile());
    String format = backing == null ? null : BACKING_FORMAT;
    if (backing != null
        && backing.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
            > Qcow2Format.MAX_BACKING_NAME) {
      throw new IllegalArgumentException("backing file name longer than 1023 bytes: " + backing);
    }
    if (Qcow2Header.encodedLength(backing, format) > o.clusterSize()) {
      throw new IllegalArgumentException("backing file name does not fit in the header cluster");
    }
    boolean zstd = o.compression() == Compression.ZSTD;
    return new Qcow2Header(
        3,
        o.clusterBits(),
        o.virtualSize(),
        l1Size(o),
        0,
        0,
        0,
        zstd ? Qcow2Format.INCOMPAT_COMPRESSION : 0,
        Refcounts.ORDER,
        o.compression().headerType(),
        backing,
        format);
  }

  private static String relativeName(Path target, Path backing) {
    Path dir = target.toAbsolutePath().normalize().getParent();
    return dir.relativize(backing.toAbsolutePath().normalize()).toString();
  }

  static int l1Size(Qcow2Options o) {
    return (int) Math.max(1, Qcow2Format.l1EntriesFor(o.virtualSize(), o.clusterBits()));
  }

  static Qcow2Chain openParent(Path target, Qcow2Options o) throws IOException {
    if (o.backingFile() == null) {
      return null;
    }
    Qcow2Chain parent = Qcow2Chain.open(o.backingFile());
    if (parent.virtualSize() > o.virtualSize()) {
      parent.close();
      throw new BrokenChainException(
          o.backingFile(),
          "parent virtual size "
              + parent.virtualSize()
              + " is larger than the new image's "
              + o.virtualSize());
    }
    return parent;
  }

  /** Loads the mapping of a checkpointed partial file; returns where new data may go. */
  static long loadCheckpoint(Path partial, Qcow2Options o, ClusterMap map, Qcow2Header expected)
      throws IOException {
    try (ImageFile image = ImageFile.open(partial)) {
      Qcow2Header h = image.header;
      if (h.virtualSize() != o.virtualSize()
          || h.clusterBits() != o.clusterBits()
          || h.compressionType() != expected.compressionType()
          || !java.util.Objects.equals(h.backingFile(), expected.backingFile())) {
        throw new CorruptImageException(
            partial,
            "partial image was started with other options"
                + " (size, cluster size, compression or backing file); delete it and start over");
      }
      long clusters = Qcow2Format.ceilDiv(o.virtualSize(), o.clusterSize());
      long perL2 = 1L << (o.clusterBits() - 3);
      for (long c = 0; c < clusters; c++) {
        if (c % perL2 == 0 && image.l1Empty(c / perL2)) {
          c += perL2 - 1;
          continue;
        }
        map.set(c, image.entry(c));
      }
      return Qcow2Format.alignUp(image.fileSize, o.clusterSize());
    }
  }

  /** Deletes partial files left by writers that never committed; returns what was deleted. */
  static List<Path> deletePartials(Path dir) throws IOException {
    List<Path> deleted = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.partial")) {
      for (Path f : files) {
        if (Files.deleteIfExists(f)) {
          deleted.add(f);
        }
      }
    }
    return deleted;
  }

  static void syncDirectory(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some file systems (and all of Windows) cannot open a folder; the rename is then as
      // durable as that file system makes it.
    }
  }

  static void closeQuietly(Closeable c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // closing a read-only parent cannot lose data
      }
    }
  }
}
