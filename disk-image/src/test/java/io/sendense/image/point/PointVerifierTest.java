package io.sendense.image.point;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.image.qcow2.ImageFacts;
import io.sendense.image.qcow2.Qcow2Options;
import io.sendense.image.qcow2.Qcow2Writer;
import io.sendense.image.qcow2.TestData;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full and an incremental with their manifests, verified without any catalog. */
class PointVerifierTest {
  private static final int SIZE = 4 << 20;

  @TempDir Path root;

  @Test
  void soundChainIsVerifiedAndTheManifestRoundTrips() throws Exception {
    Path inc = points();
    PointVerifier.Outcome outcome = PointVerifier.verify(inc);
    assertEquals(PointVerifier.Status.VERIFIED, outcome.status(), outcome.toString());
    assertEquals(
        List.of("p1-disk2000.qcow2", "p0-disk2000.qcow2"),
        outcome.images().stream().map(PointVerifier.ImageOutcome::file).toList());
    PointManifest read = PointManifests.read(inc);
    assertEquals("p0-disk2000.qcow2", read.disks().get(0).parentFile());
    assertEquals("p0", read.disks().get(0).parentPoint());
    assertEquals("vm-7", read.vm().moref());
    assertEquals(
        ImageFacts.read(inc.getParent().resolve("p1-disk2000.qcow2")), read.disks().get(0).image());
  }

  @Test
  void aFlippedByteInTheParentMakesTheIncrementalCorrupt() throws Exception {
    Path inc = points();
    Path full = inc.getParent().resolve("p0-disk2000.qcow2");
    try (RandomAccessFile f = new RandomAccessFile(full.toFile(), "rw")) {
      long at = 3 * 65536 + 100;
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x01);
    }
    PointVerifier.Outcome outcome = PointVerifier.verify(inc);
    assertEquals(PointVerifier.Status.CORRUPT, outcome.status());
    PointVerifier.ImageOutcome bad = outcome.images().get(1);
    assertEquals("CORRUPT", bad.status());
    assertTrue(bad.detail().startsWith("p0-disk2000.qcow2: SHA-256 is "), bad.detail());
    assertEquals("OK", outcome.images().get(0).status());
  }

  @Test
  void aDeletedParentMakesTheIncrementalMissing() throws Exception {
    Path inc = points();
    Files.delete(inc.getParent().resolve("p0-disk2000.qcow2"));
    PointVerifier.Outcome outcome = PointVerifier.verify(inc);
    assertEquals(PointVerifier.Status.MISSING, outcome.status());
    assertEquals("p0-disk2000.qcow2 is missing", outcome.images().get(1).detail());
  }

  @Test
  void anImageWhoseHashIsPendingIsNeitherVerifiedNorCorrupt() throws Exception {
    Path inc = points();
    Path image = inc.getParent().resolve("p1-disk2000.qcow2");
    PointManifest written = PointManifests.read(inc);
    PointManifest.Disk d = written.disks().get(0);
    PointManifest.Disk pending =
        new PointManifest.Disk(
            d.index(),
            d.key(),
            d.label(),
            d.capacity(),
            d.changeId(),
            d.file(),
            d.parentFile(),
            d.parentPoint(),
            ImageFacts.read(image).withSha256(null),
            true);
    PointManifests.write(
        inc.getParent(),
        new PointManifest(
            written.point(),
            written.type(),
            written.startedAt(),
            written.completedAt(),
            written.vm(),
            written.flow(),
            written.catalogId(),
            List.of(pending)));
    PointManifest read = PointManifests.read(inc);
    assertTrue(read.disks().get(0).hashPending(), "the manifest keeps the pending state");
    assertEquals(null, read.disks().get(0).image().sha256());

    PointVerifier.Outcome outcome = PointVerifier.verify(inc);
    assertEquals(PointVerifier.Status.HASH_PENDING, outcome.status(), outcome.toString());
    assertEquals("HASH_PENDING", outcome.images().get(0).status());
    assertEquals("OK", outcome.images().get(1).status(), "the parent's hash is recorded");

    try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
      f.setLength(f.length() + 512);
    }
    assertEquals(
        PointVerifier.Status.CORRUPT,
        PointVerifier.verify(inc).status(),
        "a pending image that no longer matches its recorded size is corrupt");
  }

  @Test
  void badManifestsAreRefusedNamingTheField() throws Exception {
    Path bad = Files.writeString(root.resolve("x.point.json"), "{\"format\":\"other\"}");
    ManifestException e = assertThrows(ManifestException.class, () -> PointManifests.read(bad));
    assertTrue(e.getMessage().contains("not a restore point manifest"), e.getMessage());
    Files.writeString(
        bad,
        "{\"format\":\"sendense-restore-point\",\"version\":1,\"point\":\"p\",\"vm\":{},"
            + "\"disks\":[{\"index\":0,\"key\":1,\"capacity\":\"big\"}]}");
    e = assertThrows(ManifestException.class, () -> PointManifests.read(bad));
    assertTrue(e.getMessage().endsWith("manifest field 'capacity' must be a whole number"));
    Files.writeString(bad, "{\"format\": \"sendense-restore-point\", ");
    e = assertThrows(ManifestException.class, () -> PointManifests.read(bad));
    assertTrue(e.getMessage().contains("JSON"), e.getMessage());
  }

  /** p0 (full) and p1 (incremental) of vm-7 with manifests; returns p1's manifest. */
  private Path points() throws Exception {
    Path folder = Files.createDirectories(root.resolve("vm-7"));
    Path full = folder.resolve("p0-disk2000.qcow2");
    try (Qcow2Writer w = Qcow2Writer.create(full, Qcow2Options.full(SIZE))) {
      w.write(0, ByteBuffer.wrap(TestData.mixed(3, SIZE)));
      w.commit();
    }
    Path inc = folder.resolve("p1-disk2000.qcow2");
    try (Qcow2Writer w = Qcow2Writer.create(inc, Qcow2Options.full(SIZE).withBackingFile(full))) {
      w.write(65536, ByteBuffer.wrap(TestData.mixed(4, 65536)));
      w.commit();
    }
    PointManifests.write(folder, manifest("p0", full, null));
    return PointManifests.write(folder, manifest("p1", inc, "p0"));
  }

  private static PointManifest manifest(String point, Path image, String parentPoint)
      throws Exception {
    ImageFacts facts = ImageFacts.read(image);
    PointManifest.Vm vm =
        new PointManifest.Vm("web \"1\"", "vm-7", "uuid-7", "vc", "vc.example", 443, "vmware", 7L);
    PointManifest.Disk disk =
        new PointManifest.Disk(
            0,
            2000,
            "Hard disk 1",
            SIZE,
            "52 aa/" + point,
            image.getFileName().toString(),
            facts.backingFile(),
            parentPoint,
            facts);
    return new PointManifest(
        point,
        parentPoint == null ? "FULL" : "INCREMENTAL",
        Instant.parse("2025-01-01T02:00:00Z"),
        Instant.parse("2025-01-01T02:05:00.123Z"),
        vm,
        "nightly",
        12L,
        List.of(disk));
  }
}
