package io.sendense.image.guest.ntfs;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.GuestEntry;
import io.sendense.image.guest.GuestFileSystem;
import io.sendense.image.guest.GuestFsException;
import io.sendense.image.guest.GuestPath;
import io.sendense.image.guest.UnsupportedContentException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A read-only NTFS volume. Paths resolve through the $I30 directory indexes from the root (MFT
 * record 5); names match exactly first, then ignoring case as Windows does.
 */
final class NtfsFileSystem implements GuestFileSystem {
  private static final long ROOT = 5;
  private static final long FIRST_USER_RECORD = 16;
  private final Mft mft;
  private final String label;
  private final DirectoryCache directories = new DirectoryCache(32);

  private NtfsFileSystem(Mft mft, String label) {
    this.mft = mft;
    this.label = label;
  }

  static NtfsFileSystem open(BlockDevice device, BootSector boot) throws IOException {
    if (boot.sizeBytes() > device.size() + boot.bytesPerSector()) {
      throw new GuestFsException(
          "NTFS volume of " + boot.sizeBytes() + " bytes is larger than its device");
    }
    Mft mft = Mft.open(device, boot);
    NtfsFile volume = NtfsFile.load(mft, 3);
    Attribute name = volume.first(Attribute.VOLUME_NAME, "");
    String label =
        name == null || !name.resident() ? "" : Le.utf16(name.value(), 0, name.value().length / 2);
    if (!NtfsFile.load(mft, ROOT).base().directory()) {
      throw new GuestFsException("NTFS root (MFT record 5) is not a directory");
    }
    return new NtfsFileSystem(mft, label);
  }

  @Override
  public String type() {
    return "ntfs";
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public long sizeBytes() {
    return mft.boot().sizeBytes();
  }

  @Override
  public GuestEntry stat(GuestPath path) throws IOException {
    try {
      if (path.isRoot()) {
        return NtfsEntries.entry(mft, "", path, NtfsFile.load(mft, ROOT));
      }
      IndexEntry found = resolve(path);
      return NtfsEntries.entry(
          mft, found.fileName().name(), path, NtfsFile.load(mft, found.record()));
    } catch (IOException | RuntimeException e) {
      throw failure(path, e);
    }
  }

  @Override
  public List<GuestEntry> list(GuestPath path) throws IOException {
    try {
      long number = path.isRoot() ? ROOT : resolve(path).record();
      NtfsFile dir = NtfsFile.load(mft, number);
      if (!dir.base().directory()) {
        throw new GuestFsException("NTFS: " + path + " is not a folder");
      }
      List<GuestEntry> entries = new ArrayList<>();
      for (IndexEntry e : visible(dir, path.isRoot())) {
        String name = e.fileName().name();
        entries.add(entryOrDamaged(name, path.child(name), e.record()));
      }
      return entries;
    } catch (IOException | RuntimeException e) {
      throw failure(path, e);
    }
  }

  @Override
  public InputStream open(GuestPath path) throws IOException {
    try {
      GuestEntry entry = stat(path);
      if (entry.kind() != GuestEntry.Kind.FILE) {
        throw new GuestFsException("NTFS: " + path + " is not a file");
      }
      if (entry.unsupported() != null) {
        throw new UnsupportedContentException(path + ": " + entry.unsupported());
      }
      NtfsFile file = NtfsFile.load(mft, resolve(path).record());
      Attribute data = file.first(Attribute.DATA, "");
      if (data == null) {
        return InputStream.nullInputStream();
      }
      if (data.resident()) {
        return new ByteArrayInputStream(data.value());
      }
      return new StreamInput(
          NonResidentData.of(mft.device(), mft.boot().clusterSize(), file.data()));
    } catch (IOException | RuntimeException e) {
      throw failure(path, e);
    }
  }

  /** How many runs the unnamed $DATA of a file has (for tests of fragmented files). */
  int runCount(GuestPath path) throws IOException {
    int runs = 0;
    for (Attribute a : NtfsFile.load(mft, resolve(path).record()).data()) {
      runs += a.runs().size();
    }
    return runs;
  }

  /** The assembled MFT record of a path (for tests that look at runs and index attributes). */
  NtfsFile file(GuestPath path) throws IOException {
    return NtfsFile.load(mft, path.isRoot() ? ROOT : resolve(path).record());
  }

  /** One damaged entry must not hide its siblings: it is listed as unreadable instead. */
  private GuestEntry entryOrDamaged(String name, GuestPath path, long record) {
    try {
      return NtfsEntries.entry(mft, name, path, NtfsFile.load(mft, record));
    } catch (IOException | RuntimeException damaged) {
      return new GuestEntry(
          name, path, GuestEntry.Kind.OTHER, 0, null, null, "unreadable: " + damaged.getMessage());
    }
  }

  private IndexEntry resolve(GuestPath path) throws IOException {
    long dir = ROOT;
    IndexEntry found = null;
    for (int i = 0; i < path.segments().size(); i++) {
      String segment = path.segments().get(i);
      NtfsFile file = NtfsFile.load(mft, dir);
      if (!file.base().directory()) {
        throw new GuestFsException("NTFS: " + path.parent() + " is not a folder");
      }
      found = find(visible(file, i == 0), segment);
      if (found == null) {
        throw new GuestFsException("NTFS: " + path + " does not exist");
      }
      dir = found.record();
    }
    return found;
  }

  private static IndexEntry find(List<IndexEntry> entries, String name) {
    IndexEntry folded = null;
    for (IndexEntry e : entries) {
      if (e.fileName().name().equals(name)) {
        return e;
      }
      if (folded == null && e.fileName().name().equalsIgnoreCase(name)) {
        folded = e;
      }
    }
    return folded;
  }

  /** Index entries without DOS-only aliases, the self entry and the root's metafiles. */
  private List<IndexEntry> visible(NtfsFile dir, boolean root) throws IOException {
    List<IndexEntry> cached = directories.get(dir.number());
    if (cached != null) {
      return cached;
    }
    List<IndexEntry> shown = new ArrayList<>();
    for (IndexEntry e : IndexWalker.entries(mft, dir)) {
      boolean meta =
          root && (e.record() < FIRST_USER_RECORD || e.fileName().name().startsWith("$"));
      if (!e.fileName().dosOnly() && e.record() != dir.number() && !meta) {
        shown.add(e);
      }
    }
    directories.put(dir.number(), shown);
    return shown;
  }

  private static IOException failure(GuestPath path, Exception e) {
    if (e instanceof UnsupportedContentException u) {
      return u;
    }
    String where = path.isRoot() ? "/" : path.toString();
    if (e instanceof GuestFsException g && g.getMessage().contains(where)) {
      return g;
    }
    if (e instanceof IOException io
        && !(e instanceof GuestFsException)
        && !(e instanceof java.io.EOFException)) {
      return io;
    }
    return new GuestFsException("NTFS " + where + ": " + e.getMessage(), e);
  }
}
