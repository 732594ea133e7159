package io.sendense.plugins.vmware;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sendense.plugin.api.source.DiskReader;
import io.sendense.plugin.api.source.Snapshot;
import io.sendense.plugin.api.source.SourceSession;
import io.sendense.plugin.api.source.VmInfo;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Measures reads of one snapshot disk from vcsim over HTTPS against {@code curl} downloading the
 * same file in the same run, as the backup job reads (1 MiB blocks, one after the other) and with
 * several disks at once. Runs only with {@code -Dsendense.bench=true} ({@code
 * -Dsendense.bench.mib}, 1024 by default); not a test of behaviour, it prints the ratios.
 */
@EnabledIfSystemProperty(named = "sendense.bench", matches = "true")
@ExtendWith(VcsimExtension.class)
@VcsimOptions(diskMb = 1024)
class DiskReadThroughputIT {
  private static final int MIB = 1 << 20;

  @Test
  void readThroughputAgainstCurl(Vcsim vcsim) throws Exception {
    int mib = Integer.getInteger("sendense.bench.mib", 1024);
    try (SourceSession session =
        new VmwareSourceType().open(new TestContext(vcsim.configuration()))) {
      VmInfo vm = session.inventory().vmNamed("DC0_H0_VM0").orElseThrow();
      Path flat = vcsim.localFile(vm.disks().get(0).backingFile());
      String expected = fill(flat, mib);
      Snapshot snapshot = session.createSnapshot(vm.id(), "sbak-bench", false);
      int key = vm.disks().get(0).key();
      for (int pass = 1; pass <= 3; pass++) {
        double[] curl = curl(vcsim, vm.disks().get(0).backingFile(), mib);
        long cpu = cpuNanos();
        double serial =
            timed(() -> assertEquals(expected, readSerial(session, snapshot, key, mib)));
        double serialCpu = (cpuNanos() - cpu) / 1e9;
        double parallel = timed(() -> readParallel(session, snapshot, key, mib, 2));
        System.out.printf(
            "pass %d: curl %.0f MiB/s (CPU %.2f s); 1 MiB blocks in order %.0f MiB/s (%.2f of"
                + " curl's time, JVM CPU %.2f s incl. SHA-256); two readers at once %.0f MiB/s"
                + " aggregate%n",
            pass,
            mib / curl[0],
            curl[1],
            mib / serial,
            serial / curl[0],
            serialCpu,
            2 * mib / parallel);
      }
    }
  }

  /** Random data in the disk's first {@code mib} MiB; returns its SHA-256. */
  private static String fill(Path flat, int mib) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    SplittableRandom random = new SplittableRandom(7);
    byte[] block = new byte[MIB];
    try (RandomAccessFile file = new RandomAccessFile(flat.toFile(), "rw")) {
      for (int i = 0; i < mib; i++) {
        random.nextBytes(block);
        file.write(block);
        sha.update(block);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Wall and CPU seconds of curl downloading the first {@code mib} MiB. */
  private static double[] curl(Vcsim vcsim, String backingFile, int mib) throws Exception {
    DatastorePath file = DatastorePath.parse(backingFile).flatFile();
    String url =
        "https://127.0.0.1:"
            + vcsim.port()
            + "/folder/"
            + file.path()
            + "?dcPath=DC0&dsName="
            + file.datastore();
    Path times = Files.createTempFile("curl", ".time");
    List<String> command =
        List.of(
            "/usr/bin/time",
            "-f",
            "%U %S",
            "-o",
            times.toString(),
            "curl",
            "-skf",
            "-u",
            Vcsim.USER + ":" + Vcsim.PASSWORD,
            "-o",
            "/dev/null",
            "-r",
            "0-" + ((long) mib * MIB - 1),
            url);
    double wall =
        timed(() -> assertEquals(0, new ProcessBuilder(command).inheritIO().start().waitFor()));
    String[] cpu = Files.readString(times).trim().split(" ");
    Files.delete(times);
    return new double[] {wall, Double.parseDouble(cpu[0]) + Double.parseDouble(cpu[1])};
  }

  private static String readSerial(SourceSession session, Snapshot snapshot, int key, int mib)
      throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (DiskReader reader = session.openDiskReader(snapshot, key)) {
      ByteBuffer buf = ByteBuffer.allocate(MIB);
      for (long at = 0; at < (long) mib * MIB; at += MIB) {
        reader.readFully(buf.clear(), at);
        sha.update(buf.flip());
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void readParallel(
      SourceSession session, Snapshot snapshot, int key, int mib, int readers) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(readers);
    try {
      List<Future<?>> all = new ArrayList<>();
      for (int r = 0; r < readers; r++) {
        all.add(
            pool.submit(
                () -> {
                  try (DiskReader reader = session.openDiskReader(snapshot, key)) {
                    ByteBuffer buf = ByteBuffer.allocate(MIB);
                    for (long at = 0; at < (long) mib * MIB; at += MIB) {
                      reader.readFully(buf.clear(), at);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : all) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private interface Timed {
    void run() throws Exception;
  }

  private static double timed(Timed what) throws Exception {
    long start = System.nanoTime();
    what.run();
    return (System.nanoTime() - start) / 1e9;
  }
}
