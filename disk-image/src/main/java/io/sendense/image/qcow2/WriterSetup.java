package io.sendense.image.qcow2;

import io.sendense.image.store.ImageEntry;
import io.sendense.image.store.ImageNames;
import io.sendense.image.store.ImageStore;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of {@link Qcow2Writer} that run once per image rather than per write: building the
 * header template, opening the parent chain, reloading a checkpoint, and removing partial files
 * left by crashed writers.
 */
final class WriterSetup {
  static final String BACKING_FORMAT = "qcow2";

  private WriterSetup() {}

  /** Where a reloaded partial file continues: its tables and the end of its used space. */
  record Layout(long l1Offset, long[] l2Hosts, long end) {}

  /** The name of the parent in the store, from the options; null for a full. */
  static String backingName(Qcow2Options o) {
    return o.backingFile() == null
        ? null
        : ImageNames.check(o.backingFile().toString().replace('\\', '/'));
  }

  static Qcow2Header header(String target, Qcow2Options o, BackingNames names) {
    String parent = backingName(o);
    String backing = parent == null ? null : names.headerName(target, parent);
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

  static int l1Size(Qcow2Options o) {
    return (int) Math.max(1, Qcow2Format.l1EntriesFor(o.virtualSize(), o.clusterBits()));
  }

  /** The layout of a new file: header, L1 table, then data. */
  static Layout fresh(Qcow2Options o) {
    long l1Offset = o.clusterSize();
    long end = l1Offset + MetadataWriter.l1Bytes(l1Size(o), o.clusterBits());
    return new Layout(l1Offset, new long[l1Size(o)], end);
  }

  /** Opens the parent chain read-only; null for a full. */
  static Qcow2Chain openParent(ImageStore store, Qcow2Options o, BackingNames names)
      throws IOException {
    String name = backingName(o);
    if (name == null) {
      return null;
    }
    Qcow2Chain parent = Qcow2Chain.open(store, name, names);
    if (parent.virtualSize() > o.virtualSize()) {
      parent.close();
      throw new BrokenChainException(
          store.location(name),
          "parent virtual size "
              + parent.virtualSize()
              + " is larger than the new image's "
              + o.virtualSize());
    }
    return parent;
  }

  /** Loads the mapping and layout of a checkpointed partial file. */
  static Layout loadCheckpoint(
      ImageStore store, String partial, Qcow2Options o, ClusterMap map, Qcow2Header expected)
      throws IOException {
    try (ImageFile image = ImageFile.open(store, partial)) {
      Qcow2Header h = image.header;
      if (h.virtualSize() != o.virtualSize()
          || h.clusterBits() != o.clusterBits()
          || h.l1Size() != l1Size(o)
          || h.compressionType() != expected.compressionType()
          || !java.util.Objects.equals(h.backingFile(), expected.backingFile())) {
        throw new CorruptImageException(
            image.path,
            "partial image was started with other options"
                + " (size, cluster size, compression or backing file); delete it and start over");
      }
      long[] l2Hosts = new long[h.l1Size()];
      for (int i = 0; i < l2Hosts.length; i++) {
        l2Hosts[i] = image.l2Offset(i);
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
      map.clearDirty();
      return new Layout(
          h.l1TableOffset(), l2Hosts, Qcow2Format.alignUp(image.fileSize, o.clusterSize()));
    }
  }

  /** Deletes partial files in {@code folder} left by writers that never committed. */
  static List<String> deletePartials(ImageStore store, String folder) throws IOException {
    List<String> deleted = new ArrayList<>();
    for (ImageEntry e : store.list(folder)) {
      if (!e.directory()
          && e.name().endsWith(Qcow2Writer.PARTIAL_SUFFIX)
          && store.deleteIfExists(e.name())) {
        deleted.add(e.name());
      }
    }
    return deleted;
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
