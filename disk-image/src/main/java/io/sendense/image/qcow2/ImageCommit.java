package io.sendense.image.qcow2;

import static io.sendense.image.qcow2.Qcow2Format.*;

import io.sendense.image.luks.Passphrase;
import io.sendense.image.luks.XtsAes;
import io.sendense.image.store.ImageChannel;
import io.sendense.image.store.ImageStore;
import io.sendense.image.store.LocalImageStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes every cluster an image defines into its backing file, so the backing file then reads as
 * the image does ({@code qemu-img commit}, in pure Java). It is how a restore point leaves a chain:
 * the parent is the point being deleted, the child the next point, whose children are then
 * re-pointed to the parent's file ({@link BackingFile#rebase}) and whose own file is deleted.
 *
 * <p>Cost: the child's clusters are read and written once; of the parent only its L2 tables are
 * read (one 64 KiB table per 512 MiB of disk) and the tables the child changes are rewritten, so
 * the cost follows the size of the child, not of the chain.
 *
 * <p>Crash safety. The parent's data clusters that the child redefines are overwritten in place and
 * new ones go into clusters the parent's current metadata does not reference; new L2 tables, L1
 * table and refcounts go into free space too, and only the final one-sector header write switches
 * to them. Readers of the child and of every image above it read the same bytes at every moment,
 * since the child hides each cluster that changes below it. Only the parent's own content is lost,
 * which is why the caller must have taken the parent out of use first, and why the parent must have
 * no other child. A commit interrupted at any point is completed by running it again (it is
 * idempotent).
 */
public final class ImageCommit {
  /** Where a commit is; a listener may pause there (tests) or throw to stop it. */
  public enum Stage {
    /** Half of the child's clusters are written into the parent. */
    HALF_WRITTEN,
    /** All data is written and synced; the metadata is next. */
    DATA_WRITTEN
  }

  /** Hears a commit reach a {@link Stage}. */
  @FunctionalInterface
  public interface Listener {
    void reached(Stage stage) throws IOException;
  }

  /**
   * What a commit moved.
   *
   * @param clusters clusters of the child written into the parent (zero clusters included)
   * @param dataBytes bytes of data written (zero clusters cost nothing)
   * @param inPlaceBytes of those, bytes that overwrote a parent cluster in place
   * @param metadataBytes L2 tables, L1 table, refcounts and header written
   * @param parentFileSize the parent's file size afterwards
   */
  public record Result(
      long clusters, long dataBytes, long inPlaceBytes, long metadataBytes, long parentFileSize) {}

  private ImageCommit() {}

  /**
   * Writes {@code child}'s clusters into {@code parent}, its backing file, both in {@code store}
   * (any repository type: only positional reads, writes and syncs of the parent are used).
   *
   * @throws ImageException if the files are not a child and its parent of equal cluster size, or
   *     the parent is not a version 3 image with 16-bit refcounts
   */
  public static Result commit(ImageStore store, String child, String parent, Listener listener)
      throws IOException {
    return commit(store, child, parent, listener, store.passphrase());
  }

  /**
   * Same as {@link #commit(ImageStore, String, String, Listener)} for encrypted images (QCOW2
   * LUKS): both are unlocked with {@code passphrase}; each cluster is decrypted with the child's
   * key and encrypted with the parent's at its new place. Child and parent must both be encrypted
   * or both plain.
   */
  public static Result commit(
      ImageStore store, String child, String parent, Listener listener, Passphrase passphrase)
      throws IOException {
    return commit(store, child, parent, listener, BackingNames.IN_STORE, passphrase);
  }

  /** Same as {@link #commit(ImageStore, String, String, Listener)} for local files. */
  public static Result commit(Path child, Path parent, Listener listener) throws IOException {
    return commit(child, parent, listener, null);
  }

  /** Same as {@link #commit(ImageStore, String, String, Listener, Passphrase)} for local files. */
  public static Result commit(Path child, Path parent, Listener listener, Passphrase passphrase)
      throws IOException {
    return commit(
        LocalImageStore.fileSystem(),
        BackingNames.name(child),
        BackingNames.name(parent),
        listener,
        BackingNames.FILE_SYSTEM,
        passphrase);
  }

  private static Result commit(
      ImageStore store,
      String child,
      String parent,
      Listener listener,
      BackingNames names,
      Passphrase passphrase)
      throws IOException {
    try (ImageFile c = ImageFile.open(store, child);
        ImageFile p = ImageFile.open(store, parent);
        ImageChannel out = store.open(parent, true)) {
      check(c, p, names);
      if (passphrase != null) {
        c.unlock(passphrase);
        p.unlock(passphrase);
      }
      return new Run(c, p, out, listener).run();
    }
  }

  private static void check(ImageFile c, ImageFile p, BackingNames names) throws IOException {
    String backing = c.header.backingFile();
    String resolved;
    try {
      resolved = backing == null ? null : names.resolve(c.name, backing);
    } catch (IllegalArgumentException e) {
      resolved = null;
    }
    if (resolved == null || !resolved.equals(p.name)) {
      throw new BrokenChainException(
          c.path, "its backing file is " + backing + ", not " + p.path + "; nothing was committed");
    }
    if (c.clusterBits() != p.clusterBits()) {
      throw new ImageException(
          c.path,
          "cluster size "
              + c.header.clusterSize()
              + " differs from its parent's "
              + p.header.clusterSize()
              + "; such images cannot be merged");
    }
    if (p.header.version() != 3 || p.header.refcountOrder() != Refcounts.ORDER) {
      throw new ImageException(
          p.path, "only QCOW2 version 3 images with 16-bit refcounts can be merged into");
    }
    if (c.virtualSize() < p.virtualSize()) {
      throw new BrokenChainException(c.path, "is smaller than its parent " + p.path);
    }
    if (c.encrypted() != p.encrypted()) {
      throw new ImageException(
          c.path,
          (c.encrypted() ? "is encrypted and its parent " : "is plain and its parent ")
              + p.path
              + (p.encrypted() ? " is encrypted" : " is not")
              + "; such images cannot be merged");
    }
  }

  /** One commit: the child's clusters, then the metadata. */
  private static final class Run {
    private final ImageFile child;
    private final ImageFile parent;
    private final ImageChannel out;
    private final Listener listener;
    private final HostSpace space;
    private final int bits;
    private final int cs;
    private final Map<Integer, long[]> dirty = new HashMap<>();
    private final ByteBuffer buffer;
    private final byte[] compressed;
    private long clusters;
    private long dataBytes;
    private long inPlace;
    private final XtsAes childCipher;
    private final XtsAes parentCipher;

    Run(ImageFile child, ImageFile parent, ImageChannel out, Listener listener) throws IOException {
      this.child = child;
      this.parent = parent;
      this.out = out;
      this.listener = listener;
      this.space = HostSpace.of(parent);
      this.bits = parent.clusterBits();
      this.cs = 1 << bits;
      this.buffer = ByteBuffer.allocate(cs);
      this.compressed = new byte[cs + 1024];
      this.childCipher = child.cipher();
      this.parentCipher = parent.cipher();
    }

    Result run() throws IOException {
      long total = ceilDiv(child.virtualSize(), cs);
      long defined = countDefined(total);
      long perL2 = 1L << (bits - 3);
      long done = 0;
      for (long g = 0; g < total; g++) {
        if (g % perL2 == 0 && child.l1Empty(g / perL2)) {
          g += perL2 - 1;
          continue;
        }
        long e = child.entry(g);
        if (e != 0) {
          commitCluster(g, e);
          if (++done == defined / 2 && listener != null) {
            listener.reached(Stage.HALF_WRITTEN);
          }
        }
      }
      out.sync();
      if (listener != null) {
        listener.reached(Stage.DATA_WRITTEN);
      }
      long[] l1 = newL1();
      Qcow2Header h = parent.header;
      Qcow2Header target =
          new Qcow2Header(
              3,
              bits,
              child.virtualSize(),
              l1.length,
              0,
              0,
              0,
              h.incompatibleFeatures() & ~INCOMPAT_DIRTY,
              Refcounts.ORDER,
              h.compressionType(),
              h.backingFile(),
              h.backingFile() == null ? null : "qcow2",
              h.crypto());
      long metadata = new CommitMetadata(parent, out, space).write(dirty, l1, target);
      return new Result(clusters, dataBytes, inPlace, metadata, out.size());
    }

    private long countDefined(long total) throws IOException {
      long perL2 = 1L << (bits - 3);
      long n = 0;
      for (long g = 0; g < total; g++) {
        if (g % perL2 == 0 && child.l1Empty(g / perL2)) {
          g += perL2 - 1;
          continue;
        }
        if (child.entry(g) != 0) {
          n++;
        }
      }
      return n;
    }

    private void commitCluster(long g, long e) throws IOException {
      clusters++;
      long[] table = table(g);
      int index = (int) (g & ((1L << (bits - 3)) - 1));
      if (L2Entry.zero(e)) {
        table[index] = parent.header.backingFile() == null ? 0 : L2Entry.ZERO;
        return;
      }
      readChildCluster(e);
      long old = table[index];
      long host = L2Entry.dataOffset(old);
      if (host != 0 && space.referencedOnce(host)) {
        inPlace += cs;
      } else {
        host = space.allocate();
      }
      if (parentCipher != null) {
        parentCipher.encrypt(buffer.array(), 0, cs, host / XtsAes.SECTOR);
      }
      out.write(buffer.clear(), host);
      dataBytes += cs;
      table[index] = L2Entry.data(host);
    }

    private void readChildCluster(long e) throws IOException {
      buffer.clear();
      if (L2Entry.compressed(e)) {
        long off = L2Entry.compressedOffset(e, bits);
        int len = (int) Math.min(L2Entry.compressedLength(e, bits), child.fileSize - off);
        child.readData(ByteBuffer.wrap(compressed, 0, len), off);
        ClusterCodec.decompress(
            child.path, child.header.compression(), compressed, len, buffer.array(), cs);
      } else {
        child.readData(buffer, L2Entry.dataOffset(e));
        if (childCipher != null) {
          childCipher.decrypt(buffer.array(), 0, cs, L2Entry.dataOffset(e) / XtsAes.SECTOR);
        }
      }
    }

    /** The parent's L2 table of guest cluster {@code g}, loaded into memory to be changed. */
    private long[] table(long g) throws IOException {
      int l1Index = (int) (g >>> (bits - 3));
      long[] table = dirty.get(l1Index);
      if (table == null) {
        int perL2 = 1 << (bits - 3);
        table = new long[perL2];
        long first = (long) l1Index * perL2;
        long known = ceilDiv(parent.virtualSize(), cs);
        if (!parent.l1Empty(l1Index)) {
          for (int k = 0; k < perL2 && first + k < known; k++) {
            table[k] = parent.entry(first + k);
          }
        }
        dirty.put(l1Index, table);
      }
      return table;
    }

    private long[] newL1() {
      int size = (int) Math.max(parent.l1Size(), l1EntriesFor(child.virtualSize(), bits));
      long[] l1 = new long[size];
      for (int i = 0; i < parent.l1Size(); i++) {
        long l2 = parent.l2Offset(i);
        l1[i] = l2 == 0 ? 0 : l2 | OFLAG_COPIED;
      }
      return l1;
    }
  }
}
