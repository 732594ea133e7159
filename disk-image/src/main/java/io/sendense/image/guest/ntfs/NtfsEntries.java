package io.sendense.image.guest.ntfs;

import io.sendense.image.guest.GuestEntry;
import io.sendense.image.guest.GuestEntry.Kind;
import io.sendense.image.guest.GuestFsException;
import io.sendense.image.guest.GuestPath;
import java.io.IOException;
import java.time.Instant;

/** Turns an assembled {@link NtfsFile} into the {@link GuestEntry} the restore pages show. */
final class NtfsEntries {
  private static final long FILETIME_EPOCH = 116444736000000000L;
  private static final long SI_ENCRYPTED = 0x4000;

  private NtfsEntries() {}

  static GuestEntry entry(Mft mft, String name, GuestPath path, NtfsFile file) throws IOException {
    Instant modified = modified(file);
    Attribute reparse = file.first(Attribute.REPARSE_POINT, "");
    if (reparse != null) {
      String target = reparse.resident() ? Reparse.target(reparse.value()) : null;
      Kind kind = target == null ? Kind.OTHER : Kind.SYMLINK;
      return new GuestEntry(name, path, kind, 0, modified, target, null);
    }
    if (file.base().directory()) {
      return new GuestEntry(
          name, path, Kind.DIRECTORY, 0, modified, null, null, file.base().number());
    }
    Attribute data = file.first(Attribute.DATA, "");
    String interix = Interix.target(mft, file, data);
    if (interix != null) {
      return new GuestEntry(name, path, Kind.SYMLINK, 0, modified, interix, null);
    }
    long size = data == null ? 0 : data.dataSize();
    return new GuestEntry(name, path, Kind.FILE, size, modified, null, unsupported(file, data));
  }

  static String unsupported(NtfsFile file, Attribute data) throws GuestFsException {
    Attribute si = file.first(Attribute.STANDARD_INFORMATION, "");
    boolean siEncrypted =
        si != null && si.value().length >= 0x24 && (Le.u32(si.value(), 0x20) & SI_ENCRYPTED) != 0;
    if ((data != null && data.encrypted()) || siEncrypted) {
      return "encrypted NTFS file (EFS)";
    }
    if (data != null && data.compressed()) {
      return "compressed NTFS file";
    }
    return null;
  }

  private static Instant modified(NtfsFile file) throws GuestFsException {
    Attribute si = file.first(Attribute.STANDARD_INFORMATION, "");
    if (si == null || !si.resident() || si.value().length < 16) {
      return null;
    }
    long ticks = Le.s64(si.value(), 8) - FILETIME_EPOCH;
    return Instant.ofEpochSecond(
        Math.floorDiv(ticks, 10_000_000L), Math.floorMod(ticks, 10_000_000L) * 100);
  }
}
