package io.sendense.system;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** TEST TOOLING: writes known data into a vcsim VM's flat disk files and copies their state. */
final class VmDisks {
  private final VcsimHooks hooks;
  private final long size;

  VmDisks(VcsimHooks hooks, long size) {
    this.hooks = hooks;
    this.size = size;
  }

  /** A guest-like disk: an MBR, some data regions, zeros elsewhere. */
  void fill(String vm, int disk, long seed) throws Exception {
    Random random = new Random(seed);
    try (RandomAccessFile file = new RandomAccessFile(hooks.flatFile(vm, disk).toFile(), "rw")) {
      byte[] mbr = new byte[512];
      mbr[510] = 0x55;
      mbr[511] = (byte) 0xAA;
      file.seek(0);
      file.write(mbr);
      for (long at : new long[] {1 << 20, 9 << 20, 30 << 20, size - (256 << 10)}) {
        file.seek(at);
        file.write(bytes(random, 256 << 10));
      }
    }
  }

  /** Writes {@code regions} random 64 KiB-aligned 192 KiB regions; returns the bytes changed. */
  long change(String vm, int disk, long seed, int regions) throws Exception {
    Random random = new Random(seed);
    try (RandomAccessFile file = new RandomAccessFile(hooks.flatFile(vm, disk).toFile(), "rw")) {
      for (int i = 0; i < regions; i++) {
        file.seek((long) (2 + i * 7) << 20);
        file.write(bytes(random, 192 << 10));
      }
    }
    return regions * (192L << 10);
  }

  /** Fills the whole disk with random bytes; returns its size. */
  long randomize(String vm, int disk, long seed) throws Exception {
    Random random = new Random(seed);
    try (RandomAccessFile file = new RandomAccessFile(hooks.flatFile(vm, disk).toFile(), "rw")) {
      for (long at = 0; at < size; at += 1 << 20) {
        file.seek(at);
        file.write(bytes(random, 1 << 20));
      }
    }
    return size;
  }

  /** Copies both disks as they are now, in disk order. */
  List<Path> copy(String vm, Path folder, String tag) throws Exception {
    List<Path> copies = new ArrayList<>();
    for (int n = 1; n <= 2; n++) {
      Path copy = folder.resolve(vm + "-" + tag + "-disk" + n + ".raw");
      Files.copy(hooks.flatFile(vm, n), copy);
      copies.add(copy);
    }
    return copies;
  }

  private static byte[] bytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
