package io.sendense.batch.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.batch.wire.WorkItem;
import io.sendense.image.qcow2.ImageFacts;
import io.sendense.image.qcow2.Qcow2Options;
import io.sendense.image.qcow2.Qcow2Writer;
import io.sendense.image.store.LocalImageStore;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node's lifecycle task reads images the way the hub does and reports each one. */
class LifecycleTaskTest {
  @TempDir Path dir;

  private final WorkItem.Extension repository =
      new WorkItem.Extension("local", "site-store", Map.of("path", "/srv/site"));

  @Test
  void aRemovalAndManifestsTravelWithTheirStepsFactsAndTexts() throws Exception {
    ImageFacts facts = new ImageFacts(393216, "ab12", 1 << 20, 65536, null, 131072);
    RemovalStep merge =
        new RemovalStep(
            50,
            7,
            RemovalStep.Kind.COMMIT,
            RemovalStep.State.WRITTEN,
            "vm-1/p0.qcow2",
            "vm-1/p1.qcow2",
            8L,
            List.of("vm-1/p2.qcow2"),
            Map.of("vm-1/p0.qcow2", facts));
    RemovalStep drop =
        new RemovalStep(
            51,
            7,
            RemovalStep.Kind.DROP,
            RemovalStep.State.PLANNED,
            "vm-1/q0.qcow2",
            null,
            null,
            List.of(),
            Map.of());
    LifecycleTask remove =
        new LifecycleTask(
            6, LifecycleTask.REMOVE, 9, repository, List.of(), List.of(merge, drop), List.of());
    assertEquals(remove, roundTrip(remove));
    assertEquals("lifecycle task 6 (remove 2 steps of repository 'site-store')", remove.toString());
    LifecycleTask manifests =
        new LifecycleTask(
            7,
            LifecycleTask.MANIFESTS,
            9,
            repository,
            List.of(),
            List.of(),
            List.of(
                ManifestFile.write("vm-1", "20261207T080000Z-j4", "{\"point\":\"x\"}"),
                ManifestFile.delete(
                    "vm-1", "20261207T070000Z-j3", List.of("vm-1/p0.qcow2"), List.of())));
    assertEquals(manifests, roundTrip(manifests));
  }

  @Test
  void hashingReportsTheImagesSha256AndAnImageWhoseSizeChangedIsUnreadable() throws Exception {
    LocalImageStore store = image();
    long size = Files.size(dir.resolve("vm-1/full.qcow2"));
    LifecycleTask task =
        roundTrip(
            new LifecycleTask(
                4,
                LifecycleTask.HASH,
                9,
                repository,
                List.of(
                    new LifecycleTask.Image(1, "vm-1/full.qcow2", size, null),
                    new LifecycleTask.Image(2, "vm-1/full.qcow2", size + 1, null))));

    List<ImageReport> reports = roundTrip(task.run(store));

    assertEquals("OK", reports.get(0).status());
    assertEquals(ImageFacts.sha256(store, "vm-1/full.qcow2"), reports.get(0).sha256());
    assertEquals(ImageReport.UNREADABLE, reports.get(1).status());
    assertNull(reports.get(1).sha256());
    assertTrue(reports.get(1).detail().contains("were recorded when it completed"));
  }

  @Test
  void verifyingFindsAFlippedByteCorruptAMissingImageMissingAndGivesFactsWhereNoneWereRecorded()
      throws Exception {
    LocalImageStore store = image();
    ImageFacts recorded = ImageFacts.read(store, "vm-1/full.qcow2");
    LifecycleTask task =
        roundTrip(
            new LifecycleTask(
                5,
                LifecycleTask.VERIFY,
                9,
                repository,
                List.of(
                    new LifecycleTask.Image(1, "vm-1/full.qcow2", null, recorded),
                    new LifecycleTask.Image(2, "vm-1/gone.qcow2", null, recorded),
                    new LifecycleTask.Image(3, "vm-1/full.qcow2", null, null))));

    List<ImageReport> sound = roundTrip(task.run(store));
    assertEquals(List.of("OK", "MISSING", "OK"), sound.stream().map(ImageReport::status).toList());
    assertNull(sound.get(0).facts(), "facts were recorded");
    assertEquals(recorded, sound.get(2).facts(), "the facts of an image that had none");

    try (RandomAccessFile f = new RandomAccessFile(dir.resolve("vm-1/full.qcow2").toFile(), "rw")) {
      f.seek(f.length() - 100);
      int b = f.read();
      f.seek(f.length() - 100);
      f.write(b ^ 0xff);
    }
    ImageReport flipped = task.run(store).get(0);
    assertEquals("CORRUPT", flipped.status());
    assertTrue(flipped.detail().contains("SHA-256"), flipped.detail());
  }

  private LocalImageStore image() throws Exception {
    LocalImageStore store = new LocalImageStore(dir);
    store.createDirectories("vm-1");
    byte[] disk = new byte[1 << 20];
    new Random(7).nextBytes(disk);
    try (Qcow2Writer w =
        Qcow2Writer.create(store, "vm-1/full.qcow2", Qcow2Options.full(disk.length))) {
      w.write(0, ByteBuffer.wrap(disk));
      w.commit();
    }
    return store;
  }

  private static LifecycleTask roundTrip(LifecycleTask task) {
    LifecycleTask back = LifecycleTask.fromJson(task.toJson());
    assertEquals(task, back);
    return back;
  }

  private static List<ImageReport> roundTrip(List<ImageReport> reports) {
    List<ImageReport> back = ImageReport.listFromJson(ImageReport.toJson(reports));
    assertEquals(reports, back);
    return back;
  }
}
