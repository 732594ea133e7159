package io.sendense.plugins.vmware;

import io.sendense.plugin.api.source.DiskExtent;
import io.sendense.plugin.api.source.DiskReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Test data for simulated VM disks: writing known content, hashing, and reading it back. */
final class DiskContent {

  static final int BLOCK = 64 << 10;

  private DiskContent() {}

  /** An MBR with one Linux partition from sector 2048, random data and explicit zero regions. */
  static void writeGuestLikeContent(Path flat, long seed) throws IOException {
    Random random = new Random(seed);
    try (RandomAccessFile file = new RandomAccessFile(flat.toFile(), "rw")) {
      byte[] mbr = new byte[512];
      mbr[446] = (byte) 0x80;
      mbr[450] = (byte) 0x83;
      ByteBuffer.wrap(mbr, 454, 8)
          .order(java.nio.ByteOrder.LITTLE_ENDIAN)
          .putInt(2048)
          .putInt(100_000);
      mbr[510] = 0x55;
      mbr[511] = (byte) 0xAA;
      write(file, 0, mbr);
      write(file, 1 << 20, randomBytes(random, 3 << 20));
      write(file, (10 << 20) + 4096, randomBytes(random, 100 << 10));
      write(file, 20 << 20, new byte[5 << 20]);
      write(file, 40 << 20, randomBytes(random, 2 << 20));
      write(file, file.length() - BLOCK, randomBytes(random, BLOCK));
    }
  }

  static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  static void write(RandomAccessFile file, long position, byte[] data) throws IOException {
    file.seek(position);
    file.write(data);
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(Path file) throws IOException {
    return sha256(Files.readAllBytes(file));
  }

  /** Reads the whole disk with several threads, each reading 4 MiB pieces. */
  static byte[] readAll(DiskReader reader, int threads) throws Exception {
    byte[] image = new byte[(int) reader.size()];
    int piece = 4 << 20;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> reads = new ArrayList<>();
      for (int at = 0; at < image.length; at += piece) {
        int start = at;
        reads.add(
            pool.submit(
                () -> {
                  reader.readFully(
                      ByteBuffer.wrap(image, start, Math.min(piece, image.length - start)), start);
                  return null;
                }));
      }
      for (Future<?> read : reads) {
        read.get();
      }
      return image;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The 64 KiB blocks that differ between two images (or hold data, if {@code base} is null). */
  static List<DiskExtent> changedBlocks(byte[] base, byte[] now) {
    List<DiskExtent> extents = new ArrayList<>();
    for (int at = 0; at < now.length; at += BLOCK) {
      if (differs(base, now, at)) {
        ChangeTracking.add(extents, at, BLOCK);
      }
    }
    return extents;
  }

  private static boolean differs(byte[] base, byte[] now, int at) {
    for (int i = at; i < at + BLOCK; i++) {
      if (now[i] != (base == null ? 0 : base[i])) {
        return true;
      }
    }
    return false;
  }
}
