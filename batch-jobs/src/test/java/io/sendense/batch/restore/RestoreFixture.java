package io.sendense.batch.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sendense.batch.restore.port.RestoreRequest;
import io.sendense.image.qcow2.Qcow2Options;
import io.sendense.image.qcow2.Qcow2Writer;
import io.sendense.plugin.api.source.VmConfiguration;
import io.sendense.plugin.api.source.VmPlacement;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jberet.runtime.JobExecutionImpl;
import org.jberet.se.SEArtifactFactory;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * One test's world for {@code restore-vm}: a 2-disk restore point (a full and an incremental on
 * top, as QCOW2 files) with its recorded configuration, the raw disks it must restore to, and a
 * file target to restore into.
 */
final class RestoreFixture {
  static final int DISK_A = 2000;
  static final int DISK_B = 2001;
  static final int MIB = 1 << 20;
  private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000);

  final long backupId = IDS.incrementAndGet();
  final long sourceId = IDS.incrementAndGet();
  final RestoreTestPorts ports;
  final FileRestoreTarget target;
  final VmConfiguration configuration;
  final Map<Integer, byte[]> raw;
  final long dataBytes;

  RestoreFixture(Path tmp, long seed) throws IOException {
    new SEArtifactFactory();
    ports = WeldContainer.instance("STATIC_INSTANCE").select(RestoreTestPorts.class).get();
    Random random = new Random(seed);
    Path repository = Files.createDirectories(tmp.resolve("repository"));
    byte[] a = new byte[24 * MIB];
    byte[] b = new byte[40 * MIB];
    long data = 0;
    data += image(repository, "a", a, random);
    data += image(repository, "b", b, random);
    raw = Map.of(DISK_A, a, DISK_B, b);
    dataBytes = data;
    configuration = configuration();
    ports.point(
        backupId,
        new RestoreTestPorts.Point(
            configuration,
            Map.of(
                DISK_A, repository.resolve("a-2.qcow2"), DISK_B, repository.resolve("b-2.qcow2"))));
    target = new FileRestoreTarget(Files.createDirectories(tmp.resolve("target")));
    ports.target(sourceId, target);
  }

  /**
   * A full with data in two of every three MiB, then an incremental changing a few MiB; returns the
   * bytes of data ranges the chain has (what a restore reads at most).
   */
  private static long image(Path folder, String name, byte[] disk, Random random)
      throws IOException {
    for (int i = 0; i < disk.length / MIB; i++) {
      if (i % 3 != 2) {
        fill(disk, i, random);
      }
    }
    write(folder.resolve(name + "-1.qcow2"), null, disk, 0, disk.length / MIB);
    int[] changed = {2, 5, disk.length / MIB - 1};
    for (int i : changed) {
      fill(disk, i, random);
    }
    Path top = folder.resolve(name + "-2.qcow2");
    try (Qcow2Writer w =
        Qcow2Writer.create(
            top,
            Qcow2Options.full(disk.length).withBackingFile(folder.resolve(name + "-1.qcow2")))) {
      for (int i : changed) {
        w.write((long) i * MIB, ByteBuffer.wrap(disk, i * MIB, MIB));
      }
      w.commit();
    }
    long mibs = 0;
    for (int i = 0; i < disk.length / MIB; i++) {
      if (i % 3 != 2 || i == 2 || i == 5 || i == disk.length / MIB - 1) {
        mibs++;
      }
    }
    return mibs * MIB;
  }

  private static void fill(byte[] disk, int mib, Random random) {
    byte[] data = new byte[MIB];
    random.nextBytes(data);
    System.arraycopy(data, 0, disk, mib * MIB, MIB);
  }

  private static void write(Path file, Path parent, byte[] disk, int fromMib, int toMib)
      throws IOException {
    Qcow2Options options = Qcow2Options.full(disk.length);
    try (Qcow2Writer w =
        Qcow2Writer.create(file, parent == null ? options : options.withBackingFile(parent))) {
      for (int i = fromMib; i < toMib; i++) {
        if (i % 3 != 2) {
          w.write((long) i * MIB, ByteBuffer.wrap(disk, i * MIB, MIB));
        }
      }
      w.commit();
    }
  }

  private static VmConfiguration configuration() {
    return new VmConfiguration(
        "web01",
        "otherLinux64Guest",
        "",
        VmConfiguration.Firmware.EFI,
        4,
        2,
        2048,
        "the original",
        "vmx-13",
        List.of(new VmConfiguration.Controller(1000, VmConfiguration.ControllerType.PVSCSI, 0, "")),
        List.of(
            new VmConfiguration.Disk(
                DISK_A,
                "Hard disk 1",
                1000,
                0,
                24L * MIB,
                VmConfiguration.Provisioning.THIN,
                "ds1"),
            new VmConfiguration.Disk(
                DISK_B,
                "Hard disk 2",
                1000,
                1,
                40L * MIB,
                VmConfiguration.Provisioning.THIN,
                "ds1")),
        List.of(
            new VmConfiguration.Nic(
                4000,
                "Network adapter 1",
                VmConfiguration.NicType.VMXNET3,
                "Prod",
                "00:50:56:01:02:03",
                true)),
        new VmPlacement("DC0", "apps", "", "H0", "", "ds1"));
  }

  /** Registers a restore of the point under {@code name}; returns its id. */
  long request(long restoreId, String name, boolean powerOn, String replaceVmId) {
    ports
        .catalog()
        .add(
            new RestoreRequest(
                restoreId,
                backupId,
                sourceId,
                name,
                VmPlacement.UNKNOWN,
                Map.of("Prod", "Lab"),
                null,
                powerOn,
                replaceVmId,
                false,
                List.of(
                    new RestoreRequest.Disk(DISK_A, 0, "Hard disk 1", 24L * MIB, false),
                    new RestoreRequest.Disk(DISK_B, 1, "Hard disk 2", 40L * MIB, false)),
                null));
    return restoreId;
  }

  /** The spec the job makes for a new VM of this point (as a killed execution would have). */
  static io.sendense.plugin.api.source.VmRestoreSpec spec(
      RestoreFixture f, String name, String tag) {
    return new io.sendense.plugin.api.source.VmRestoreSpec(
        name,
        f.configuration,
        f.configuration.placement(),
        Map.of("Prod", "Lab"),
        null,
        false,
        tag);
  }

  long newRestoreId() {
    return IDS.incrementAndGet();
  }

  static JobOperator operator() {
    return BatchRuntime.getJobOperator();
  }

  static long start(long restoreId) {
    Properties p = new Properties();
    p.setProperty("restoreId", Long.toString(restoreId));
    return operator().start("restore-vm", p);
  }

  static long restart(long execution, long restoreId) {
    Properties p = new Properties();
    p.setProperty("restoreId", Long.toString(restoreId));
    return operator().restart(execution, p);
  }

  static BatchStatus await(long executionId) throws InterruptedException {
    JobExecutionImpl execution = (JobExecutionImpl) operator().getJobExecution(executionId);
    execution.awaitTermination(2, TimeUnit.MINUTES);
    BatchStatus status = execution.getBatchStatus();
    if (status == BatchStatus.STARTED || status == BatchStatus.STARTING) {
      throw new AssertionError("execution " + executionId + " did not end in time: " + status);
    }
    return status;
  }

  /** Each disk of the VM in the target equals the point's disk byte for byte. */
  void assertRestored(FileRestoreTarget.Vm vm) throws Exception {
    for (int key : List.of(DISK_A, DISK_B)) {
      assertEquals(
          sha256(raw.get(key)),
          sha256(Files.readAllBytes(vm.folder.resolve(key + ".raw"))),
          "disk " + key + " of " + vm.name);
    }
  }

  static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
