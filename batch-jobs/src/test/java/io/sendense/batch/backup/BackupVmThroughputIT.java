package io.sendense.batch.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sendense.batch.port.BackupPhase;
import io.sendense.batch.port.BackupProgress;
import io.sendense.batch.port.DiskRecord;
import io.sendense.batch.port.VmRecord;
import jakarta.batch.runtime.BatchStatus;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures the job on two disks of random data (size from {@code -Dsendense.bench.mib}, 512 MiB
 * each by default): a full, then an incremental after 5% of each disk changed. Runs only with
 * {@code -Dsendense.bench=true}; prints the numbers docs/backup-job.md quotes.
 */
@EnabledIfSystemProperty(named = "sendense.bench", matches = "true")
class BackupVmThroughputIT {
  private static final int MIB = 1 << 20;

  @TempDir Path tmp;

  @Test
  void fullAndIncrementalThroughput() throws Exception {
    int mib = Integer.getInteger("sendense.bench.mib", 512);
    String vmId = "bench-" + UUID.randomUUID();
    FileVm vm = new FileVm(vmId, Files.createDirectories(tmp.resolve("src")));
    TestPorts ports = Jobs.ports();
    ports.register(vm, vmId, Files.createDirectories(tmp.resolve("repo")));
    ports
        .catalog()
        .addVm(
            new VmRecord(
                vmId,
                "bench",
                List.of(
                    new DiskRecord(1, "Hard disk 1", (long) mib * MIB),
                    new DiskRecord(2, "Hard disk 2", (long) mib * MIB))));
    SplittableRandom random = new SplittableRandom(7);
    byte[] block = new byte[MIB];
    for (int key = 1; key <= 2; key++) {
      vm.addDisk(key, (long) mib * MIB);
      for (int i = 0; i < mib; i++) {
        random.nextBytes(block);
        vm.write(key, (long) i * MIB, block);
      }
    }
    measure("full", vm, vmId, ports);
    byte[] piece = new byte[256 << 10];
    for (int key = 1; key <= 2; key++) {
      for (int i = 0; i < mib / 5; i++) {
        random.nextBytes(piece);
        vm.write(key, (long) random.nextInt(mib * 4) * piece.length, piece);
      }
    }
    measure("incremental", vm, vmId, ports);
  }

  private static void measure(String label, FileVm vm, String vmId, TestPorts ports)
      throws Exception {
    long before = vm.bytesRead(1) + vm.bytesRead(2);
    Properties p = new Properties();
    p.setProperty("vmId", vmId);
    p.setProperty("repositoryId", vmId);
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpuBefore = os.getProcessCpuTime();
    long started = System.nanoTime();
    long execution = Jobs.start(p);
    assertEquals(BatchStatus.COMPLETED, Jobs.await(execution));
    double seconds = (System.nanoTime() - started) / 1e9;
    double mb = (vm.bytesRead(1) + vm.bytesRead(2) - before) / 1e6;
    double cpu = (os.getProcessCpuTime() - cpuBefore) / 1e9;
    List<BackupProgress> pushed =
        ports.telemetry(vmId).stream().filter(x -> x.jobExecutionId() == execution).toList();
    double transferSeconds =
        Duration.between(at(pushed, BackupPhase.TRANSFER), at(pushed, BackupPhase.FINALIZE))
                .toNanos()
            / 1e9;
    System.out.printf(
        "%s: %.0f MB read, job %.2f s (JVM CPU %.2f s, test source's snapshot copy included),"
            + " transfer %.2f s = %.0f MB/s%n",
        label, mb, seconds, cpu, transferSeconds, mb / transferSeconds);
  }

  private static Instant at(List<BackupProgress> pushed, BackupPhase phase) {
    return pushed.stream().filter(x -> x.phase() == phase).findFirst().orElseThrow().at();
  }
}
