package io.sendense.image.guest.ntfs;

import io.sendense.image.guest.BlockDevice;
import io.sendense.image.guest.GuestFsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The NTFS boot sector: geometry of clusters, MFT records and index blocks. */
record BootSector(
    int bytesPerSector,
    int clusterSize,
    long totalSectors,
    long mftLcn,
    int mftRecordSize,
    int indexBlockSize) {

  /** Empty when the OEM id is not {@code NTFS }; a matching id with absurd geometry throws. */
  static Optional<BootSector> read(BlockDevice device) throws IOException {
    if (device.size() < 512) {
      return Optional.empty();
    }
    byte[] b = device.readBytes(0, 512);
    if (!"NTFS    ".equals(new String(b, 3, 8, StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    int bps = Le.u16(b, 0x0b);
    if (bps < 256 || bps > 4096 || Integer.bitCount(bps) != 1) {
      throw new GuestFsException("NTFS boot sector: bytes per sector " + bps + " is invalid");
    }
    int spcRaw = Le.u8(b, 0x0d);
    long spc = spcRaw <= 0x80 ? spcRaw : 1L << (256 - spcRaw);
    long cluster = spc * bps;
    if (spc == 0 || Long.bitCount(spc) != 1 || cluster > 2 * 1024 * 1024) {
      throw new GuestFsException("NTFS boot sector: sectors per cluster " + spcRaw + " is invalid");
    }
    long total = Le.s64(b, 0x28);
    long mftLcn = Le.s64(b, 0x30);
    int recordSize = sizeOf((byte) Le.u8(b, 0x40), (int) cluster, "MFT record");
    int indexSize = sizeOf((byte) Le.u8(b, 0x44), (int) cluster, "index block");
    if (recordSize < 512 || recordSize > 65536) {
      throw new GuestFsException("NTFS boot sector: MFT record size " + recordSize + " is invalid");
    }
    if (total <= 0 || mftLcn <= 0 || mftLcn > total / spc) {
      throw new GuestFsException("NTFS boot sector: MFT cluster " + mftLcn + " lies outside");
    }
    return Optional.of(new BootSector(bps, (int) cluster, total, mftLcn, recordSize, indexSize));
  }

  private static int sizeOf(byte raw, int cluster, String what) throws GuestFsException {
    long size = raw < 0 ? 1L << -raw : (long) raw * cluster;
    if (raw == 0 || -raw > 20 || size > 1 << 20 || Long.bitCount(size) != 1) {
      throw new GuestFsException("NTFS boot sector: " + what + " size code " + raw + " is invalid");
    }
    return (int) size;
  }

  long sizeBytes() {
    return totalSectors * bytesPerSector;
  }

  long clusterCount() {
    return sizeBytes() / clusterSize;
  }
}
