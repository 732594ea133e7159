package io.sendense.image.guest.fat;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.DirectoryCache;
import io.sendense.image.guest.GuestEntry;
import io.sendense.image.guest.GuestFileSystem;
import io.sendense.image.guest.GuestFsException;
import io.sendense.image.guest.GuestNames;
import io.sendense.image.guest.GuestPath;
import io.sendense.image.guest.RunInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A read-only FAT12, FAT16 or FAT32 file system. Names match exactly first, then ignoring case (FAT
 * is case-insensitive); directory chains are bounded and loop-checked.
 */
final class FatFileSystem implements GuestFileSystem {
  /** FAT allows 65536 entries of 32 bytes per directory; a longer chain is damaged. */
  static final int MAX_DIR_BYTES = 65536 * 32;

  static final int MAX_PATH_DEPTH = 256;

  private final BlockDevice device;
  private final BlockDevice meta;
  private final BootSector bs;
  private final FatTable fat;
  private final String label;
  private final DirectoryCache<Long, FatDirectory.Entry> cache = new DirectoryCache<>(200_000);

  FatFileSystem(BlockDevice device, BlockDevice meta, BootSector bs) throws IOException {
    this.device = device;
    this.meta = meta;
    this.bs = bs;
    this.fat = new FatTable(meta, bs);
    String rootLabel = FatDirectory.parse(directory(null, "/"), bs.bits() == 32).label();
    String chosen = rootLabel != null ? rootLabel : bs.label();
    this.label = chosen.equals("NO NAME") ? "" : chosen;
  }

  @Override
  public String type() {
    return bs.type();
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public long sizeBytes() {
    return bs.totalBytes();
  }

  @Override
  public GuestEntry stat(GuestPath path) throws IOException {
    if (path.isRoot()) {
      return new GuestEntry("", path, GuestEntry.Kind.DIRECTORY, 0, null, null, null, 0);
    }
    return entry(path, resolve(path));
  }

  @Override
  public List<GuestEntry> list(GuestPath path) throws IOException {
    FatDirectory.Entry dir = path.isRoot() ? null : resolve(path);
    if (dir != null && !dir.isDirectory()) {
      throw new GuestFsException("/" + path + ": not a directory");
    }
    List<GuestEntry> out = new ArrayList<>();
    for (FatDirectory.Entry e : entries(dir, path)) {
      out.add(entry(path.child(e.name()), e));
    }
    return out;
  }

  @Override
  public InputStream open(GuestPath path) throws IOException {
    FatDirectory.Entry e = path.isRoot() ? null : resolve(path);
    if (e == null || e.isDirectory()) {
      throw new GuestFsException("/" + path + ": not a regular file");
    }
    if (e.size() > 0 && !fat.valid(e.firstCluster())) {
      throw new GuestFsException(
          "/" + path + ": first cluster " + e.firstCluster() + " is invalid");
    }
    ClusterChainMap map = new ClusterChainMap(fat, bs, e.firstCluster(), "/" + path);
    return new RunInputStream(device, e.size(), map, "/" + path);
  }

  private FatDirectory.Entry resolve(GuestPath path) throws IOException {
    if (path.segments().size() > MAX_PATH_DEPTH) {
      throw new GuestFsException("/" + path + ": deeper than " + MAX_PATH_DEPTH + " levels");
    }
    FatDirectory.Entry current = null;
    GuestPath at = GuestPath.ROOT;
    for (String segment : path.segments()) {
      if (current != null && !current.isDirectory()) {
        throw new GuestFsException("/" + at + ": not a directory");
      }
      List<FatDirectory.Entry> entries = entries(current, at);
      at = at.child(segment);
      current = find(entries, segment);
      if (current == null) {
        throw new GuestFsException("/" + at + ": no such file or directory");
      }
    }
    return current;
  }

  private static FatDirectory.Entry find(List<FatDirectory.Entry> entries, String name) {
    FatDirectory.Entry loose = null;
    for (FatDirectory.Entry e : entries) {
      if (e.name().equals(name)) {
        return e;
      }
      if (loose == null && e.name().equalsIgnoreCase(name)) {
        loose = e;
      }
    }
    return loose;
  }

  private List<FatDirectory.Entry> entries(FatDirectory.Entry dir, GuestPath path)
      throws IOException {
    long key = dir == null ? 0 : dir.firstCluster();
    return cache.get(key, () -> parse(dir, path));
  }

  private List<FatDirectory.Entry> parse(FatDirectory.Entry dir, GuestPath path)
      throws IOException {
    List<FatDirectory.Entry> entries =
        FatDirectory.parse(directory(dir, "/" + path), bs.bits() == 32).entries();
    for (FatDirectory.Entry e : entries) {
      GuestNames.check(e.name(), "/" + path);
    }
    return entries;
  }

  /** The raw bytes of a directory ({@code null}: the root). */
  private byte[] directory(FatDirectory.Entry dir, String path) throws IOException {
    if (dir == null && bs.bits() != 32) {
      return meta.readBytes(bs.rootDirOffset(), bs.rootEntries() * 32);
    }
    long cluster = dir == null ? bs.rootCluster() : dir.firstCluster();
    if (dir != null && cluster == 0) {
      throw new GuestFsException(path + ": directory has no first cluster");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Set<Long> visited = new HashSet<>();
    while (cluster != FatTable.END) {
      if (!fat.valid(cluster)) {
        throw new GuestFsException(path + ": directory cluster " + cluster + " is out of range");
      }
      if (!visited.add(cluster) || out.size() + bs.clusterSize() > MAX_DIR_BYTES) {
        throw new GuestFsException(path + ": directory cluster chain loops or is too long");
      }
      out.write(meta.readBytes(bs.clusterOffset(cluster), bs.clusterSize()));
      cluster = fat.next(cluster, path);
    }
    return out.toByteArray();
  }

  private GuestEntry entry(GuestPath path, FatDirectory.Entry e) {
    GuestEntry.Kind kind = e.isDirectory() ? GuestEntry.Kind.DIRECTORY : GuestEntry.Kind.FILE;
    return new GuestEntry(
        path.name(),
        path,
        kind,
        e.isDirectory() ? 0 : e.size(),
        e.modified(),
        null,
        null,
        e.isDirectory() ? e.firstCluster() : GuestEntry.UNKNOWN);
  }
}
