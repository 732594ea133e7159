package io.sendense.batch.lifecycle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.image.qcow2.BackingFile;
import io.sendense.image.qcow2.ImageCommit;
import io.sendense.image.qcow2.ImageFacts;
import io.sendense.image.qcow2.ImageVerifier;
import io.sendense.image.qcow2.Qcow2Chain;
import io.sendense.image.qcow2.Qcow2Options;
import io.sendense.image.qcow2.Qcow2Writer;
import io.sendense.image.store.ImageChannel;
import io.sendense.image.store.LocalImageStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file steps of a removal, as the hub and the nodes run them, against a journal in memory: a
 * merge of the oldest of three points and a drop of the newest leave every other point reading as
 * it was taken; a journal or commit that fails at any stage leaves a removal that, run again from
 * the states the journal recorded, finishes with the same result; a damaged image is found before
 * anything is written, the removal rolled back and its point reported.
 */
class RemovalRunTest {
  private static final int CLUSTER = 4096;
  private static final int SIZE = 1 << 20;
  private static final String P0 = "vm-1/p0.qcow2";
  private static final String P1 = "vm-1/p1.qcow2";
  private static final String P2 = "vm-1/p2.qcow2";

  @TempDir Path dir;

  @Test
  void aMergeCommitsTheNextPointIntoTheOldestAndKeepsTheNewestReadable() throws Exception {
    Chain c = Chain.write(dir);
    Journal j = new Journal(c.facts());
    RemovalRun.Result r = RemovalRun.run(c.store, List.of(c.merge(RemovalStep.State.PLANNED)), j);
    assertEquals(new RemovalRun.Result(RemovalRun.End.SWITCHED, ""), r);
    assertEquals(
        List.of(
            "checked", "WRITING", "moved", "REPOINTED", "switched", "facts " + P0, "facts " + P2),
        j.events);
    c.assertMerged();
    assertEquals(ImageFacts.read(c.store, P0), j.facts.get(P0), "the survivor's facts recorded");
  }

  @Test
  void aDropDeletesTheNewestImageAfterTheCatalogSwitched() throws Exception {
    Chain c = Chain.write(dir);
    Journal j = new Journal(c.facts());
    RemovalStep drop =
        new RemovalStep(
            7,
            3,
            RemovalStep.Kind.DROP,
            RemovalStep.State.PLANNED,
            P2,
            null,
            null,
            List.of(),
            null);
    assertEquals(RemovalRun.End.SWITCHED, RemovalRun.run(c.store, List.of(drop), j).end());
    assertEquals(List.of("checked", "switched"), j.events);
    assertFalse(c.store.isFile(P2));
    c.assertReads(P1, c.point1, "the point below");
  }

  @Test
  void aRemovalStoppedAtAnyTransitionFinishesWhenRunAgainFromTheJournal() throws Exception {
    // Transitions of a merge: checked, WRITING, moved, REPOINTED, switched, two facts; and the
    // commit's own stages in between.
    for (int stop = 0; stop < 9; stop++) {
      Path d = Files.createDirectory(dir.resolve("stop" + stop));
      Chain c = Chain.write(d);
      Journal j = new Journal(c.facts());
      j.failAt = stop;
      RemovalRun.Result first =
          RemovalRun.run(c.store, List.of(c.merge(RemovalStep.State.PLANNED)), j);
      assertEquals(RemovalRun.End.FAILED, first.end(), "stop " + stop + ": " + j.events);
      assertEquals("stopped at " + stop, first.detail());
      assertTrue(j.errors.size() == 1, "stop " + stop + ": the error noted: " + j.errors);
      c.assertReads(c.store.isFile(P1) ? P1 : P0, c.point1, "stop " + stop + ": the next point");
      c.assertReads(P2, c.point2, "stop " + stop + ": the newest point");
      j.failAt = -1;
      RemovalRun.Result again = RemovalRun.run(c.store, List.of(c.merge(j.state)), j);
      assertEquals(RemovalRun.End.SWITCHED, again.end(), "stop " + stop + ": " + again);
      c.assertMerged();
    }
  }

  @Test
  void aDamagedImageRollsTheRemovalBackBeforeAnythingIsWritten() throws Exception {
    Chain c = Chain.write(dir);
    Journal j = new Journal(c.facts());
    try (ImageChannel ch = c.store.open(P1, true)) {
      ch.write(ByteBuffer.wrap(new byte[] {42}), ch.size() - 1);
    }
    byte[] before0 = Files.readAllBytes(dir.resolve(P0));
    byte[] before1 = Files.readAllBytes(dir.resolve(P1));
    byte[] before2 = Files.readAllBytes(dir.resolve(P2));
    RemovalRun.Result r = RemovalRun.run(c.store, List.of(c.merge(RemovalStep.State.PLANNED)), j);
    assertEquals(RemovalRun.End.REFUSED, r.end());
    assertTrue(r.detail().startsWith("not merged: "), r.detail());
    assertEquals(List.of("rolled back", "damaged 2 CORRUPT"), j.events);
    assertArrayEquals(before0, Files.readAllBytes(dir.resolve(P0)));
    assertArrayEquals(before1, Files.readAllBytes(dir.resolve(P1)));
    assertArrayEquals(before2, Files.readAllBytes(dir.resolve(P2)));
  }

  /** A journal in memory that can fail at its n-th transition (or commit stage). */
  private static final class Journal implements RemovalJournal {
    final Map<String, ImageFacts> expected;
    final Map<String, ImageFacts> facts = new HashMap<>();
    final List<String> events = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    RemovalStep.State state = RemovalStep.State.PLANNED;
    int failAt = -1;
    int transitions;

    Journal(Map<String, ImageFacts> expected) {
      this.expected = expected;
    }

    private void transition(String event) throws IOException {
      if (transitions++ == failAt) {
        throw new IOException("stopped at " + failAt);
      }
      events.add(event);
    }

    @Override
    public Optional<ImageFacts> expected(RemovalStep step, String file) {
      return Optional.ofNullable(expected.get(file));
    }

    @Override
    public void checked(List<RemovalStep> steps) throws IOException {
      transition("checked");
    }

    @Override
    public void advance(long stepId, RemovalStep.State to) throws IOException {
      transition(to.name());
      state = to;
    }

    @Override
    public void moved(long stepId, long bytes, long millis) throws IOException {
      transition("moved");
      state = RemovalStep.State.WRITTEN;
    }

    @Override
    public void switchCatalog(long stepId) throws IOException {
      transition("switched");
      state = RemovalStep.State.SWITCHED;
    }

    @Override
    public void facts(RemovalStep step, String file, ImageFacts f) throws IOException {
      transition("facts " + file);
      facts.put(file, f);
    }

    @Override
    public void failed(long stepId, String error) {
      errors.add(error);
    }

    @Override
    public void rollBack(long stepId, String why) {
      events.add("rolled back");
    }

    @Override
    public void damaged(RemovalStep step, long owner, ImageVerifier.Result result) {
      events.add("damaged " + owner + " " + result.status());
    }

    @Override
    public void reached(RemovalStep step, ImageCommit.Stage stage) throws IOException {
      transition(stage.name());
      events.remove(events.size() - 1);
    }
  }

  /** Three points of one disk in a temporary folder: a full and two incrementals. */
  private record Chain(LocalImageStore store, byte[] point1, byte[] point2) {
    static Chain write(Path dir) throws IOException {
      LocalImageStore store = new LocalImageStore(dir);
      store.createDirectories("vm-1");
      Random random = new Random(11);
      byte[] disk = new byte[SIZE];
      random.nextBytes(disk);
      try (Qcow2Writer w =
          Qcow2Writer.create(store, P0, Qcow2Options.full(SIZE).withClusterSize(CLUSTER))) {
        w.write(0, ByteBuffer.wrap(disk));
        w.commit();
      }
      byte[] point1 = change(random, disk, store, P1, P0);
      byte[] point2 = change(random, point1.clone(), store, P2, P1);
      return new Chain(store, point1, point2);
    }

    private static byte[] change(
        Random random, byte[] disk, LocalImageStore store, String name, String parent)
        throws IOException {
      Qcow2Options options =
          Qcow2Options.full(SIZE).withClusterSize(CLUSTER).withBackingFile(Path.of(parent));
      try (Qcow2Writer w = Qcow2Writer.create(store, name, options)) {
        for (int i = 0; i < 8; i++) {
          int offset = random.nextInt(SIZE - 1);
          byte[] data = new byte[Math.min(SIZE - offset, 1 + random.nextInt(8 * CLUSTER))];
          random.nextBytes(data);
          System.arraycopy(data, 0, disk, offset, data.length);
          w.write(offset, ByteBuffer.wrap(data));
        }
        w.commit();
      }
      return disk;
    }

    Map<String, ImageFacts> facts() throws IOException {
      return Map.of(P0, ImageFacts.read(store, P0), P1, ImageFacts.read(store, P1));
    }

    RemovalStep merge(RemovalStep.State state) {
      return new RemovalStep(5, 1, RemovalStep.Kind.COMMIT, state, P0, P1, 2L, List.of(P2), null);
    }

    void assertReads(String top, byte[] expected, String what) throws IOException {
      try (Qcow2Chain chain = Qcow2Chain.open(store, top)) {
        ByteBuffer all = ByteBuffer.allocate(SIZE);
        chain.read(0, all);
        assertArrayEquals(expected, all.array(), what + " (" + top + ")");
      }
    }

    void assertMerged() throws IOException {
      assertFalse(store.isFile(P1), "the merged-away file is gone");
      assertEquals("p0.qcow2", BackingFile.of(store, P2));
      assertReads(P0, point1, "the survivor holds the next point");
      assertReads(P2, point2, "the newest point");
    }
  }
}
