package io.sendense.image.qcow2;

import io.sendense.image.luks.LuksHeader;
import io.sendense.image.luks.XtsAes;
import io.sendense.image.store.ImageChannel;
import io.sendense.image.store.ImageEntry;
import io.sendense.image.store.ImageNames;
import io.sendense.image.store.ImageStore;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The parts of {@link Qcow2Writer} that run once per image rather than per write: building the
 * header template, opening the parent chain, reloading a checkpoint, and removing partial files
 * left by crashed writers.
 */
final class WriterSetup {
  static final String BACKING_FORMAT = "qcow2";

  private WriterSetup() {}

  /**
   * Where a reloaded partial file continues: its tables, the end of its used space, and the data
   * cipher of an encrypted image (null when plain).
   */
  record Layout(long l1Offset, long[] l2Hosts, long end, XtsAes cipher) {
    Layout(long l1Offset, long[] l2Hosts, long end) {
      this(l1Offset, l2Hosts, end, null);
    }
  }

  /**
   * Writes the LUKS area of a new encrypted image (new random master key, slot 0 opened by the
   * options' passphrase) into its place; returns the data cipher. Nothing for a plain image.
   */
  static XtsAes writeLuks(ImageChannel channel, Qcow2Options o) throws IOException {
    if (!o.encrypted()) {
      return null;
    }
    LuksHeader.Created luks =
        LuksHeader.create(
            o.passphrase(), LuksHeader.slotIterations(o.passphrase()), new SecureRandom());
    channel.write(ByteBuffer.wrap(luks.area()), cryptoOffset(o));
    XtsAes cipher = new XtsAes(luks.masterKey());
    Arrays.fill(luks.masterKey(), (byte) 0);
    return cipher;
  }

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
    boolean zstd = o.compression() == Compression.ZSTD;
    Qcow2Header header =
        new Qcow2Header(
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
            format,
            o.encrypted()
                ? new Qcow2Header.CryptoArea(cryptoOffset(o), LuksHeader.areaBytes())
                : null);
    if (header.encodedLength() > o.clusterSize()) {
      throw new IllegalArgumentException("backing file name does not fit in the header cluster");
    }
    return header;
  }

  /** Where a new encrypted image keeps its LUKS area: right after the L1 table. */
  static long cryptoOffset(Qcow2Options o) {
    return o.clusterSize() + MetadataWriter.l1Bytes(l1Size(o), o.clusterBits());
  }

  static int l1Size(Qcow2Options o) {
    return (int) Math.max(1, Qcow2Format.l1EntriesFor(o.virtualSize(), o.clusterBits()));
  }

  /** The layout of a new file: header, L1 table, then data. */
  static Layout fresh(Qcow2Options o) {
    long l1Offset = o.clusterSize();
    long end = l1Offset + MetadataWriter.l1Bytes(l1Size(o), o.clusterBits());
    if (o.encrypted()) {
      end = Qcow2Format.alignUp(cryptoOffset(o) + LuksHeader.areaBytes(), o.clusterSize());
    }
    return new Layout(l1Offset, new long[l1Size(o)], end);
  }

  /** Opens the parent chain read-only; null for a full. */
  static Qcow2Chain openParent(ImageStore store, Qcow2Options o, BackingNames names)
      throws IOException {
    String name = backingName(o);
    if (name == null) {
      return null;
    }
    Qcow2Chain parent = Qcow2Chain.open(store, name, names, o.passphrase());
    if (!parent.allEncrypted(o.encrypted())) {
      parent.close();
      throw new BrokenChainException(
          store.location(name),
          o.encrypted()
              ? "the parent chain is not encrypted throughout; an encrypted point needs an"
                  + " encrypted parent chain (start a new chain with a full)"
              : "the parent chain is encrypted; a point on it must be encrypted with the same"
                  + " passphrase");
    }
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
          || h.encrypted() != expected.encrypted()
          || !java.util.Objects.equals(h.backingFile(), expected.backingFile())) {
        throw new CorruptImageException(
            image.path,
            "partial image was started with other options (size, cluster size, compression,"
                + " encryption or backing file); delete it and start over");
      }
      image.unlock(o.passphrase());
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
          h.l1TableOffset(),
          l2Hosts,
          Qcow2Format.alignUp(image.fileSize, o.clusterSize()),
          image.cipher());
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
