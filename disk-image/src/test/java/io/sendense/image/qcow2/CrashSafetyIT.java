package io.sendense.image.qcow2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer process killed with SIGKILL in the middle of writing leaves no restore point, only a
 * partial file; that file resumes from its checkpoint into an image qemu-img accepts.
 */
class CrashSafetyIT {
  private static final int SIZE = 8 << 20;

  @TempDir Path dir;

  @Test
  void killedWriterLeavesOnlyAResumablePartialFile() throws Exception {
    Path target = dir.resolve("crash.qcow2");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CrashingWriterMain.class.getName(),
                target.toString(),
                String.valueOf(SIZE),
                "21")
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("CHECKPOINTED", out.readLine());
    } finally {
      child.destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }
    assertFalse(Files.exists(target), "a killed writer must not leave a restore point");
    assertTrue(Files.exists(Qcow2Writer.partialPath(target)));

    byte[] disk = TestData.mixed(21, SIZE);
    try (Qcow2Writer writer = Qcow2Writer.resume(target, Qcow2Options.full(SIZE))) {
      writer.write(SIZE / 2, ByteBuffer.wrap(disk, SIZE / 2, SIZE - SIZE / 2));
      writer.commit();
    }
    Path raw = Files.write(dir.resolve("crash.raw"), disk);
    Qcow2WriterQemuIT.assertQemuAccepts(target, raw, 1);
    Qcow2WriterQemuIT.assertReadsBack(target, disk);
  }
}
