package io.sendense.image.guest.ext;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.ContentMap;
import io.sendense.image.guest.DirectoryCache;
import io.sendense.image.guest.GuestEntry;
import io.sendense.image.guest.GuestFileSystem;
import io.sendense.image.guest.GuestFsException;
import io.sendense.image.guest.GuestPath;
import io.sendense.image.guest.RunInputStream;
import io.sendense.image.guest.UnsupportedContentException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A read-only ext2/ext3/ext4 file system. Metadata goes through a bounded cache; file content is
 * read straight from the device along the file's extents or block pointers.
 *
 * <p>The journal is not replayed: a backup taken from a running guest shows the file system as it
 * was last written to its final place, which is what a crash-consistent snapshot holds.
 */
final class ExtFileSystem implements GuestFileSystem {
  static final long ROOT_INODE = 2;
  static final int MAX_PATH_DEPTH = 256;
  static final int MAX_SYMLINK = 4096;

  private final BlockDevice device;
  private final BlockDevice meta;
  private final Superblock sb;
  private final InodeTable inodes;
  private final DirectoryReader directories;
  private final DirectoryCache<Long, DirectoryReader.Dirent> cache = new DirectoryCache<>(200_000);

  ExtFileSystem(BlockDevice device, BlockDevice meta, Superblock sb) {
    this.device = device;
    this.meta = meta;
    this.sb = sb;
    this.inodes = new InodeTable(meta, sb);
    this.directories = new DirectoryReader(meta, sb);
  }

  @Override
  public String type() {
    return sb.type();
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
    return entry(path, resolve(path));
  }

  @Override
  public List<GuestEntry> list(GuestPath path) throws IOException {
    Inode dir = resolve(path);
    if (dir.kind() != GuestEntry.Kind.DIRECTORY) {
      throw new GuestFsException("/" + path + ": not a directory");
    }
    List<GuestEntry> out = new ArrayList<>();
    for (DirectoryReader.Dirent d : entries(dir, path)) {
      GuestPath child = path.child(d.name());
      out.add(entry(child, inodes.read(d.inode())));
    }
    return out;
  }

  @Override
  public InputStream open(GuestPath path) throws IOException {
    Inode inode = resolve(path);
    if (inode.kind() != GuestEntry.Kind.FILE) {
      throw new GuestFsException("/" + path + ": not a regular file");
    }
    String unsupported = unsupported(inode);
    if (unsupported != null) {
      throw new UnsupportedContentException("/" + path + ": " + unsupported);
    }
    if (inode.has(Inode.FLAG_INLINE_DATA)) {
      return new ByteArrayInputStream(InlineData.read(inode, sb, "/" + path));
    }
    return new RunInputStream(device, inode.size(), map(inode, "/" + path), "/" + path);
  }

  private Inode resolve(GuestPath path) throws IOException {
    if (path.segments().size() > MAX_PATH_DEPTH) {
      throw new GuestFsException("/" + path + ": deeper than " + MAX_PATH_DEPTH + " levels");
    }
    Inode current = inodes.read(ROOT_INODE);
    GuestPath at = GuestPath.ROOT;
    for (String segment : path.segments()) {
      if (current.kind() != GuestEntry.Kind.DIRECTORY) {
        throw new GuestFsException("/" + at + ": not a directory");
      }
      long next = -1;
      for (DirectoryReader.Dirent d : entries(current, at)) {
        if (d.name().equals(segment)) {
          next = d.inode();
          break;
        }
      }
      at = at.child(segment);
      if (next < 0) {
        throw new GuestFsException("/" + at + ": no such file or directory");
      }
      current = inodes.read(next);
    }
    return current;
  }

  private List<DirectoryReader.Dirent> entries(Inode dir, GuestPath path) throws IOException {
    return cache.get(dir.number(), () -> parse(dir, path));
  }

  private List<DirectoryReader.Dirent> parse(Inode dir, GuestPath path) throws IOException {
    if (dir.has(Inode.FLAG_INLINE_DATA)) {
      byte[] data = InlineData.read(dir, sb, "/" + path);
      List<DirectoryReader.Dirent> out = new ArrayList<>();
      if (data.length > 4) {
        directories.parse(data, 4, data.length, "/" + path, 0, out);
      }
      return out;
    }
    return directories.read(dir.size(), map(dir, "/" + path), "/" + path);
  }

  private ContentMap map(Inode inode, String path) {
    return inode.has(Inode.FLAG_EXTENTS)
        ? new ExtentMap(meta, sb, inode.iblock(), path)
        : new IndirectMap(meta, sb, inode.iblock(), path);
  }

  private GuestEntry entry(GuestPath path, Inode inode) throws IOException {
    if (inode.mode() == 0) {
      throw new GuestFsException("/" + path + ": points to unused inode " + inode.number());
    }
    GuestEntry.Kind kind = inode.kind();
    String target = kind == GuestEntry.Kind.SYMLINK ? symlink(inode, path) : null;
    long size = kind == GuestEntry.Kind.DIRECTORY ? 0 : inode.size();
    String unsupported = kind == GuestEntry.Kind.FILE ? unsupported(inode) : null;
    return new GuestEntry(
        path.name(), path, kind, size, inode.modified(), target, unsupported, inode.number());
  }

  private static String unsupported(Inode inode) {
    return inode.has(Inode.FLAG_ENCRYPT) ? "encrypted (fscrypt)" : null;
  }

  private String symlink(Inode inode, GuestPath path) throws IOException {
    if (inode.size() > MAX_SYMLINK) {
      throw new GuestFsException("/" + path + ": symbolic link of " + inode.size() + " bytes");
    }
    byte[] target;
    if (inode.isFastSymlink(sb.blockSize())) {
      target = java.util.Arrays.copyOf(inode.iblock(), (int) inode.size());
    } else if (inode.has(Inode.FLAG_INLINE_DATA)) {
      target = InlineData.read(inode, sb, "/" + path);
    } else if (inode.has(Inode.FLAG_ENCRYPT)) {
      return "";
    } else {
      try (InputStream in =
          new RunInputStream(meta, inode.size(), map(inode, "/" + path), "/" + path)) {
        target = in.readAllBytes();
      }
    }
    return new String(target, StandardCharsets.UTF_8);
  }
}
