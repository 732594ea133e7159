package io.sendense.image.guest.xfs;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.GuestEntry;
import io.sendense.image.guest.GuestEntry.Kind;
import io.sendense.image.guest.GuestFileSystem;
import io.sendense.image.guest.GuestFsException;
import io.sendense.image.guest.GuestPath;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A read-only XFS v5 file system; paths resolve from the root inode through its directories. */
final class XfsFileSystem implements GuestFileSystem {
  private final BlockDevice device;
  private final Superblock sb;
  private final Map<Long, List<DirEntry>> directories =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, List<DirEntry>> eldest) {
          return size() > 16;
        }
      };

  private XfsFileSystem(BlockDevice device, Superblock sb) {
    this.device = device;
    this.sb = sb;
  }

  static XfsFileSystem open(BlockDevice device, Superblock sb) throws IOException {
    XfsFileSystem fs = new XfsFileSystem(device, sb);
    if (!fs.inode(sb.rootInode()).directory()) {
      throw new GuestFsException("XFS root inode " + sb.rootInode() + " is not a directory");
    }
    return fs;
  }

  @Override
  public String type() {
    return "xfs";
  }

  @Override
  public String label() {
    return sb.label();
  }

  @Override
  public long sizeBytes() {
    return sb.sizeBytes();
  }

  @Override
  public GuestEntry stat(GuestPath path) throws IOException {
    try {
      return entry(path.name(), path, inode(resolve(path)));
    } catch (IOException | RuntimeException e) {
      throw failure(path, e);
    }
  }

  @Override
  public List<GuestEntry> list(GuestPath path) throws IOException {
    try {
      Inode dir = inode(resolve(path));
      if (!dir.directory()) {
        throw new GuestFsException("XFS: " + path + " is not a folder");
      }
      List<GuestEntry> out = new ArrayList<>();
      for (DirEntry e : entries(dir)) {
        out.add(entryOrDamaged(e, path.child(e.name())));
      }
      return out;
    } catch (IOException | RuntimeException e) {
      throw failure(path, e);
    }
  }

  @Override
  public InputStream open(GuestPath path) throws IOException {
    try {
      Inode file = inode(resolve(path));
      if (!file.regular()) {
        throw new GuestFsException("XFS: " + path + " is not a file");
      }
      if (file.format() == Inode.LOCAL) {
        int n = (int) Math.min(file.size(), file.fork().length);
        return new ByteArrayInputStream(file.fork(), 0, n);
      }
      return new DataInput(
          new FileData(device, sb, BlockMap.extents(device, sb, file), file.size()));
    } catch (IOException | RuntimeException e) {
      throw failure(path, e);
    }
  }

  /** One damaged entry must not hide its siblings: it is listed as unreadable instead. */
  private GuestEntry entryOrDamaged(DirEntry e, GuestPath path) {
    try {
      return entry(e.name(), path, inode(e.inode()));
    } catch (IOException | RuntimeException damaged) {
      return new GuestEntry(
          e.name(), path, Kind.OTHER, 0, null, null, "unreadable: " + damaged.getMessage());
    }
  }

  private GuestEntry entry(String name, GuestPath path, Inode inode) throws IOException {
    if (inode.directory()) {
      return new GuestEntry(
          name, path, Kind.DIRECTORY, 0, inode.mtime(), null, null, inode.number());
    }
    if (inode.symlink()) {
      String target = Symlinks.target(device, sb, inode);
      return new GuestEntry(name, path, Kind.SYMLINK, inode.size(), inode.mtime(), target, null);
    }
    Kind kind = inode.regular() ? Kind.FILE : Kind.OTHER;
    long size = inode.regular() ? inode.size() : 0;
    return new GuestEntry(name, path, kind, size, inode.mtime(), null, null);
  }

  /** Where the root inode lies, so tests can damage the inodes and blocks around it. */
  long inodeOffsetForTest() throws GuestFsException {
    return sb.inodeOffset(sb.rootInode());
  }

  private long resolve(GuestPath path) throws IOException {
    long ino = sb.rootInode();
    for (String segment : path.segments()) {
      Inode dir = inode(ino);
      if (!dir.directory()) {
        throw new GuestFsException("XFS: " + path + " passes through a file");
      }
      ino = -1;
      for (DirEntry e : entries(dir)) {
        if (e.name().equals(segment)) {
          ino = e.inode();
          break;
        }
      }
      if (ino < 0) {
        throw new GuestFsException("XFS: " + path + " does not exist");
      }
    }
    return ino;
  }

  private List<DirEntry> entries(Inode dir) throws IOException {
    synchronized (directories) {
      List<DirEntry> cached = directories.get(dir.number());
      if (cached != null) {
        return cached;
      }
    }
    List<DirEntry> entries = List.copyOf(DirectoryReader.entries(device, sb, dir));
    synchronized (directories) {
      directories.put(dir.number(), entries);
    }
    return entries;
  }

  private Inode inode(long number) throws IOException {
    byte[] raw = device.readBytes(sb.inodeOffset(number), sb.inodeSize());
    return Inode.parse(number, raw, sb);
  }

  private static IOException failure(GuestPath path, Exception e) {
    String where = path.isRoot() ? "/" : path.toString();
    if (e instanceof GuestFsException g && g.getMessage().contains(where)) {
      return g;
    }
    if (e instanceof IOException io
        && !(e instanceof GuestFsException)
        && !(e instanceof EOFException)) {
      return io;
    }
    return new GuestFsException("XFS " + where + ": " + e.getMessage(), e);
  }
}
