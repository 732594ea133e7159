package io.sendense.batch.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sendense.batch.port.BackupRecord;
import io.sendense.batch.port.DiskRecord;
import io.sendense.batch.port.VmRecord;
import io.sendense.image.qcow2.Qcow2Chain;
import io.sendense.plugin.api.source.DiskExtent;
import io.sendense.plugin.api.source.SnapshotInfo;
import jakarta.batch.runtime.BatchStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One test's world: a 2-disk file VM with random data and zero regions, a repository folder, and
 * helpers to change disks, run the job and compare restore points with the source.
 */
final class BackupFixture {
  static final int DISK_A = 2000;
  static final int DISK_B = 2001;
  static final int MIB = 1 << 20;

  final String vmId = "vm-" + UUID.randomUUID();
  final String repositoryId = "repo-" + UUID.randomUUID();
  final FileVm vm;
  final Path repository;
  final TestPorts ports = Jobs.ports();
  private final Random random;

  BackupFixture(Path tmp, long seed) throws IOException {
    this.random = new Random(seed);
    Path disks = Files.createDirectories(tmp.resolve("source"));
    repository = Files.createDirectories(tmp.resolve("repository"));
    vm = new FileVm(vmId, disks);
    vm.addDisk(DISK_A, 24L * MIB);
    vm.addDisk(DISK_B, 40L * MIB);
    fill(DISK_A, 24);
    fill(DISK_B, 40);
    ports.register(vm, repositoryId, repository);
    ports
        .catalog()
        .addVm(
            new VmRecord(
                vmId,
                "test VM",
                List.of(
                    new DiskRecord(DISK_A, "Hard disk 1", 24L * MIB),
                    new DiskRecord(DISK_B, "Hard disk 2", 40L * MIB))));
    vm.addForeignSnapshot("before upgrade");
    vm.addForeignSnapshot("srep-1");
    vm.addForeignSnapshot("sbak-stale");
  }

  /** Two MiB of data, one of zeros, and so on; some data MiBs have a zero hole inside. */
  private void fill(int key, int mib) throws IOException {
    for (int i = 0; i < mib; i++) {
      if (i % 3 == 2) {
        continue;
      }
      byte[] data = new byte[MIB];
      random.nextBytes(data);
      if (i % 4 == 1) {
        java.util.Arrays.fill(data, 256 << 10, 512 << 10, (byte) 0);
      }
      vm.write(key, (long) i * MIB, data);
    }
  }

  /**
   * Writes {@code count} random 64 KiB-aligned pieces of 64-192 KiB, one of them all zeros; returns
   * the changed extents.
   */
  List<DiskExtent> change(int key, int count) throws IOException {
    long capacity = key == DISK_A ? 24L * MIB : 40L * MIB;
    List<DiskExtent> changed = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int length = (1 + random.nextInt(3)) << 16;
      long offset = (long) random.nextInt((int) ((capacity - length) >> 16)) << 16;
      byte[] data = new byte[length];
      if (i > 0) {
        random.nextBytes(data);
      }
      vm.write(key, offset, data);
      changed = Extents.union(changed, List.of(new DiskExtent(offset, length)));
    }
    return changed;
  }

  long start(String type) {
    return Jobs.start(Jobs.params(vmId, repositoryId, type));
  }

  BatchStatus await(long execution) throws InterruptedException {
    return Jobs.await(execution);
  }

  BackupRecord backupOf(long execution) {
    long instance = Jobs.operator().getJobInstance(execution).getInstanceId();
    return ports.catalog().backupOfJob(instance).orElseThrow();
  }

  Path image(BackupRecord backup, int key) {
    return repository.resolve(backup.disk(key).fileName());
  }

  List<String> snapshotNames() {
    return vm.snapshotInfos().stream().map(SnapshotInfo::name).sorted().toList();
  }

  static String sha256(Path raw) throws IOException {
    try (FileChannel ch = FileChannel.open(raw)) {
      return digest(ch.size(), (off, buf) -> ch.read(buf, off));
    }
  }

  static String sha256OfImage(Path image) throws IOException {
    try (Qcow2Chain chain = Qcow2Chain.open(image)) {
      return digest(
          chain.virtualSize(),
          (off, buf) -> {
            int n = buf.remaining();
            chain.read(off, buf);
            return n;
          });
    }
  }

  private interface Source {
    int read(long offset, ByteBuffer buf) throws IOException;
  }

  private static String digest(long size, Source source) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      ByteBuffer buf = ByteBuffer.allocate(MIB);
      for (long at = 0; at < size; ) {
        buf.clear().limit((int) Math.min(MIB, size - at));
        while (buf.hasRemaining()) {
          at += source.read(at, buf);
        }
        md.update(buf.flip());
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Data bytes the top image of a chain holds itself, as {@code qemu-img map} reports them (depth
   * 0, data, not zero), or -1 if qemu-img is not installed.
   */
  static long qemuImgOwnData(Path image) throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of("/usr/bin/qemu-img"))) {
      return -1;
    }
    Process p =
        new ProcessBuilder("/usr/bin/qemu-img", "map", "--output=json", image.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out);
    long own = 0;
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "\\{[^}]*\"length\": (\\d+), \"depth\": 0, \"present\": true,"
                    + " \"zero\": false, \"data\": true[^}]*}")
            .matcher(out);
    while (m.find()) {
      own += Long.parseLong(m.group(1));
    }
    return own;
  }

  /** Runs qemu-img with the arguments if it is installed; returns its exit code or -1. */
  static int qemuImg(String... args) throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of("/usr/bin/qemu-img"))) {
      return -1;
    }
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/qemu-img"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("qemu-img " + String.join(" ", args) + " hung");
    }
    assertEquals(0, p.exitValue(), () -> "qemu-img " + String.join(" ", args) + ":\n" + out);
    return p.exitValue();
  }
}
