package io.sendense.image.guest.ntfs;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.GuestFsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The master file table: reads records by number through $MFT's own runlist (which may itself be
 * spread over extension records) and keeps a small LRU cache of parsed records.
 */
final class Mft {
  private static final int CACHE = 1024;
  private final BlockDevice device;
  private final BootSector boot;
  private final Map<Long, MftRecord> cache =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, MftRecord> eldest) {
          return size() > CACHE;
        }
      };
  private NonResidentData table;

  private Mft(BlockDevice device, BootSector boot) {
    this.device = device;
    this.boot = boot;
  }

  static Mft open(BlockDevice device, BootSector boot) throws IOException {
    Mft mft = new Mft(device, boot);
    long at = boot.mftLcn() * boot.clusterSize();
    byte[] raw = readRaw(device, at, boot.mftRecordSize(), "NTFS $MFT record 0");
    MftRecord self = MftRecord.parse(0, raw, boot.clusterCount());
    List<Attribute> first = new ArrayList<>();
    for (Attribute a : self.attributes()) {
      if (a.type() == Attribute.DATA && a.name().isEmpty() && !a.resident()) {
        first.add(a);
      }
    }
    if (first.isEmpty()) {
      throw new GuestFsException("NTFS $MFT has no non-resident $DATA attribute");
    }
    mft.table = NonResidentData.of(device, boot.clusterSize(), first.subList(0, 1));
    NtfsFile whole = NtfsFile.assemble(mft, self);
    mft.table = NonResidentData.of(device, boot.clusterSize(), whole.data());
    return mft;
  }

  private static byte[] readRaw(BlockDevice device, long at, int size, String what)
      throws IOException {
    if (at < 0 || at > device.size() - size) {
      throw new GuestFsException(what + " lies outside the volume");
    }
    byte[] raw = new byte[size];
    device.read(at, ByteBuffer.wrap(raw));
    return raw;
  }

  BlockDevice device() {
    return device;
  }

  BootSector boot() {
    return boot;
  }

  long recordCount() {
    return table.size() / boot.mftRecordSize();
  }

  MftRecord record(long number) throws IOException {
    synchronized (cache) {
      MftRecord cached = cache.get(number);
      if (cached != null) {
        return cached;
      }
    }
    if (number < 0 || number >= recordCount()) {
      throw new GuestFsException("NTFS MFT record " + number + " lies past the MFT");
    }
    byte[] raw = new byte[boot.mftRecordSize()];
    table.read(number * boot.mftRecordSize(), raw, 0, raw.length);
    MftRecord record = MftRecord.parse(number, raw, boot.clusterCount());
    synchronized (cache) {
      cache.put(number, record);
    }
    return record;
  }
}
