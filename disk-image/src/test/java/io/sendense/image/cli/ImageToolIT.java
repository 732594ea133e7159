package io.sendense.image.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.image.qcow2.QemuImg;
import io.sendense.image.qcow2.TestData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-alone tool's commands, judged by qemu-img and by the bytes they produce. */
class ImageToolIT {
  private static final int SIZE = (16 << 20) + 512;
  private static final int CLUSTER = 65536;

  @TempDir Path dir;

  /** Output of one in-process run. */
  record Run(int code, byte[] out, String err) {
    String text() {
      return new String(out, StandardCharsets.UTF_8);
    }
  }

  @Test
  void convertFullThenContentCompareIncrementalWritesOnlyChangedClusters() throws Exception {
    byte[] disk = TestData.mixed(7, SIZE);
    Path raw0 = Files.write(dir.resolve("d0.raw"), disk);
    assertEquals(0, run("convert", raw0.toString(), dir.resolve("p0.qcow2").toString()).code());
    Random random = new Random(8);
    int changed = 0;
    for (int c = 0; c < SIZE / CLUSTER; c += 1 + random.nextInt(40)) {
      disk[c * CLUSTER + random.nextInt(CLUSTER)] ^= 0x5a;
      changed++;
    }
    java.util.Arrays.fill(disk, 0, 3 * CLUSTER, (byte) 0);
    Path raw1 = Files.write(dir.resolve("d1.raw"), disk);
    Run inc =
        run(
            "convert",
            raw1.toString(),
            dir.resolve("p1.qcow2").toString(),
            "--backing",
            dir.resolve("p0.qcow2").toString());
    assertEquals(0, inc.code(), inc.err());
    long written = Long.parseLong(inc.text().replaceAll("(?s).*\"bytesWritten\": (\\d+).*", "$1"));
    assertTrue(written <= (changed + 3L) * CLUSTER && written > 0, inc.text());
    assertQemuIdentical(dir.resolve("p1.qcow2"), raw1);
    Path exported = dir.resolve("p1.raw");
    assertEquals(0, run("export", dir.resolve("p1.qcow2").toString(), exported.toString()).code());
    assertArrayEquals(disk, Files.readAllBytes(exported));
    Path flat = dir.resolve("flat.qcow2");
    assertEquals(0, run("convert", dir.resolve("p1.qcow2").toString(), flat.toString()).code());
    assertTrue(QemuImg.ok("info", flat.toString()).contains("virtual size"));
    assertFalse(QemuImg.ok("info", flat.toString()).contains("backing file"));
    assertQemuIdentical(flat, raw1);
    String info = run("info", dir.resolve("p1.qcow2").toString()).text();
    assertTrue(info.contains("\"virtualSize\": " + SIZE), info);
    assertEquals(2, info.split("\"depth\"").length - 1, info);
  }

  @Test
  void zstdConvertIsReadableByQemuAndExportsBackByteExact() throws Exception {
    byte[] disk = TestData.mixed(9, SIZE);
    Path raw = Files.write(dir.resolve("d.raw"), disk);
    Path image = dir.resolve("z.qcow2");
    Run conv =
        run(
            "convert",
            raw.toString(),
            image.toString(),
            "--compress",
            "zstd",
            "--cluster-size",
            "16k");
    assertEquals(0, conv.code(), conv.err());
    assertTrue(QemuImg.ok("info", image.toString()).contains("compression type: zstd"));
    assertQemuIdentical(image, raw);
    Run stdout = run("export", image.toString(), "-");
    assertEquals(0, stdout.code(), stdout.err());
    assertArrayEquals(disk, stdout.out());
    Path out = dir.resolve("out.raw");
    assertEquals(0, run("export", image.toString(), out.toString()).code());
    assertArrayEquals(disk, Files.readAllBytes(out));
    Path flat = dir.resolve("flat.qcow2");
    assertEquals(0, run("convert", image.toString(), flat.toString()).code());
    assertQemuIdentical(flat, raw);
  }

  @Test
  void checkAndMapReportOnAChain() throws Exception {
    Path raw = Files.write(dir.resolve("d.raw"), TestData.mixed(10, SIZE));
    Path image = dir.resolve("c.qcow2");
    assertEquals(0, run("convert", raw.toString(), image.toString()).code());
    Run check = run("check", image.toString());
    assertEquals(0, check.code(), check.err());
    assertTrue(check.text().contains("\"clean\": true"), check.text());
    Run map = run("map", image.toString());
    assertTrue(map.text().contains("\"start\": 0"), map.text());
    Files.write(image, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
    Run broken = run("check", image.toString());
    assertEquals(1, broken.code());
    assertTrue(broken.err().contains("not a QCOW2 image"), broken.err());
  }

  @Test
  void verifyChecksAPointsChainFromItsManifestWithExitCodes() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("vm-1"));
    Path raw = Files.write(dir.resolve("d.raw"), TestData.mixed(12, SIZE));
    Path image = folder.resolve("p0-disk1.qcow2");
    assertEquals(0, run("convert", raw.toString(), image.toString()).code());
    var facts = io.sendense.image.qcow2.ImageFacts.read(image);
    Path manifest =
        io.sendense.image.point.PointManifests.write(
            folder,
            new io.sendense.image.point.PointManifest(
                "p0",
                "FULL",
                java.time.Instant.now(),
                java.time.Instant.now(),
                new io.sendense.image.point.PointManifest.Vm(
                    "vm", "vm-1", null, null, null, null, null, null),
                null,
                null,
                java.util.List.of(
                    new io.sendense.image.point.PointManifest.Disk(
                        0, 1, "disk", SIZE, null, "p0-disk1.qcow2", null, null, facts))));
    Run ok = run("verify", manifest.toString());
    assertEquals(0, ok.code(), ok.err());
    assertTrue(ok.text().contains("\"status\": \"VERIFIED\""), ok.text());
    try (var f = new java.io.RandomAccessFile(image.toFile(), "rw")) {
      f.seek(f.length() - 1);
      int b = f.read();
      f.seek(f.length() - 1);
      f.write(b ^ 0xff);
    }
    Run corrupt = run("verify", manifest.toString());
    assertEquals(2, corrupt.code(), corrupt.text());
    assertTrue(corrupt.err().startsWith("CORRUPT: p0-disk1.qcow2: "), corrupt.err());
    Files.delete(image);
    Run missing = run("verify", manifest.toString());
    assertEquals(3, missing.code(), missing.text());
    assertTrue(missing.err().contains("MISSING: p0-disk1.qcow2 is missing"), missing.err());
    Files.writeString(manifest, "not json");
    Run unreadable = run("verify", manifest.toString());
    assertEquals(1, unreadable.code());
    assertTrue(unreadable.err().contains(manifest.toString()), unreadable.err());
  }

  @Test
  void wrongArgumentsGiveUsage() throws Exception {
    assertEquals(64, run("frobnicate").code());
    Run bad = run("convert", "a", "b", "--compress", "lz4");
    assertEquals(64, bad.code());
    assertTrue(bad.err().contains("--compress must be zstd or none"), bad.err());
  }

  @Test
  void wrapperScriptRunsTheShadedJar() throws Exception {
    Path raw = Files.write(dir.resolve("d.raw"), TestData.mixed(11, SIZE));
    Path image = dir.resolve("w.qcow2");
    assertEquals(0, run("convert", raw.toString(), image.toString()).code());
    Path script = Path.of("..", "deploy", "bin", "sendense-image").toAbsolutePath();
    Process p =
        new ProcessBuilder(script.toString(), "info", image.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), output);
    assertTrue(output.contains("\"virtualSize\": " + SIZE), output);
  }

  private static void assertQemuIdentical(Path image, Path raw) throws Exception {
    QemuImg.Result check = QemuImg.run("check", image.toString());
    assertEquals(0, check.exitCode(), check.output());
    String compare = QemuImg.ok("compare", "-F", "raw", image.toString(), raw.toString());
    assertTrue(compare.contains("Images are identical"), compare);
  }

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream outText = new PrintStream(out, true, StandardCharsets.UTF_8);
    int code =
        Main.run(
            args, new Console(out, outText, new PrintStream(err, true, StandardCharsets.UTF_8)));
    outText.flush();
    return new Run(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }
}
