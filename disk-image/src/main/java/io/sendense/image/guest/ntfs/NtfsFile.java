package io.sendense.image.guest.ntfs;

import io.sendense.image.guest.GuestFsException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A file as the sum of its base MFT record and the extension records its $ATTRIBUTE_LIST names. */
final class NtfsFile {
  private static final int MAX_EXTENSIONS = 4096;
  private static final int MAX_LIST_BYTES = 1 << 20;
  private final MftRecord base;
  private final List<Attribute> attributes;

  private NtfsFile(MftRecord base, List<Attribute> attributes) {
    this.base = base;
    this.attributes = attributes;
  }

  static NtfsFile load(Mft mft, long number) throws IOException {
    MftRecord record = mft.record(number);
    if (!record.inUse() || record.baseRecord() != 0) {
      throw new GuestFsException("NTFS MFT record " + number + " is not an in-use base record");
    }
    return assemble(mft, record);
  }

  static NtfsFile assemble(Mft mft, MftRecord base) throws IOException {
    Attribute list = null;
    for (Attribute a : base.attributes()) {
      if (a.type() == Attribute.ATTRIBUTE_LIST) {
        list = a;
      }
    }
    if (list == null) {
      return new NtfsFile(base, base.attributes());
    }
    List<Attribute> all = new ArrayList<>(base.attributes());
    for (long ext : extensions(mft, base, list)) {
      MftRecord record = mft.record(ext);
      if (record.baseRecord() != base.number()) {
        throw new GuestFsException(
            "NTFS MFT record " + ext + " is not an extension of " + base.number());
      }
      all.addAll(record.attributes());
    }
    return new NtfsFile(base, all);
  }

  private static Set<Long> extensions(Mft mft, MftRecord base, Attribute list) throws IOException {
    byte[] b = listBytes(mft, list);
    Set<Long> refs = new LinkedHashSet<>();
    int at = 0;
    while (at + 26 <= b.length) {
      int length = Le.u16(b, at + 4);
      if (length < 26) {
        throw new GuestFsException("NTFS attribute list of record " + base.number() + " is bad");
      }
      long ref = Le.s64(b, at + 16) & 0xffffffffffffL;
      if (ref != base.number()) {
        refs.add(ref);
      }
      if (refs.size() > MAX_EXTENSIONS) {
        throw new GuestFsException("NTFS record " + base.number() + ": too many extensions");
      }
      at += length;
    }
    return refs;
  }

  private static byte[] listBytes(Mft mft, Attribute list) throws IOException {
    if (list.resident()) {
      return list.value();
    }
    NonResidentData data =
        NonResidentData.of(mft.device(), mft.boot().clusterSize(), List.of(list));
    if (data.size() > MAX_LIST_BYTES) {
      throw new GuestFsException("NTFS attribute list of " + data.size() + " bytes");
    }
    byte[] b = new byte[(int) data.size()];
    data.read(0, b, 0, b.length);
    return b;
  }

  MftRecord base() {
    return base;
  }

  long number() {
    return base.number();
  }

  List<Attribute> all(int type, String name) {
    List<Attribute> found = new ArrayList<>();
    for (Attribute a : attributes) {
      if (a.type() == type && a.name().equals(name)) {
        found.add(a);
      }
    }
    return found;
  }

  Attribute first(int type, String name) {
    List<Attribute> found = all(type, name);
    for (Attribute a : found) {
      if (a.resident() || a.lowestVcn() == 0) {
        return a;
      }
    }
    return null;
  }

  /** The fragments of the unnamed $DATA attribute. */
  List<Attribute> data() {
    return all(Attribute.DATA, "");
  }
}
