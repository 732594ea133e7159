package io.sendense.webapp.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sendense.image.qcow2.Qcow2Chain;
import io.sendense.image.qcow2.Qcow2Options;
import io.sendense.image.qcow2.Qcow2Writer;
import io.sendense.image.store.ImageChannel;
import io.sendense.image.store.ImageEntry;
import io.sendense.image.store.ImageStore;
import io.sendense.image.store.LocalImageStore;
import io.sendense.webapp.common.Refusal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opening a restore session cleans up after itself: a refused or failed open leaves no session in
 * the table (none counts against the cap or holds the point) and closes the repository session it
 * opened. The image is a real (empty) QCOW2 file in a local folder; only the catalog's answers
 * about the point are stand-ins.
 */
class RestoreSessionsTest {
  private static final long BACKUP = 7;

  @TempDir Path folder;
  private Sources sources;
  private RestoreSessions sessions;

  @BeforeEach
  void setUp() throws IOException {
    try (Qcow2Writer image =
        Qcow2Writer.create(folder.resolve("disk.qcow2"), Qcow2Options.full(1 << 20))) {
      image.commit();
    }
    sources = new Sources(folder);
    sessions = new RestoreSessions();
    sessions.sources = sources;
    sessions.clock = Clock.fixed(Instant.parse("2026-12-06T04:00:00Z"), ZoneOffset.UTC);
    sessions.idleMinutes = 60;
    sessions.init();
  }

  @Test
  void anOpenSessionHoldsItsPointAndKeepsItsRepositorySessionOpen() {
    RestoreSession session = sessions.open(BACKUP, 0, "ann");
    assertSame(session, sessions.get(session.id(), "ann"));
    assertEquals(true, sessions.holdOn(BACKUP).isPresent());
    assertEquals(List.of(1, 0), List.of(sources.opened.get(), sources.closed.get()));
    sessions.close(session.id(), "ann");
    assertEquals(Optional.empty(), sessions.holdOn(BACKUP));
    assertEquals(1, sources.closed.get());
  }

  @Test
  void workDuringASessionReturnsItsResultAndAClosedSessionKeepsItsImageUntilTheWorkEnds() {
    RestoreSession session = sessions.open(BACKUP, 0, "ann");
    String result =
        sessions.during(
            session,
            () -> {
              sessions.close(session.id(), "ann");
              assertEquals(0, sources.closed.get(), "the image stays open while the work runs");
              return "found";
            });
    assertEquals("found", result);
    assertEquals(1, sources.closed.get(), "closed when the work ended");
  }

  @Test
  void aDownloadThatFailsStillEndsItsUseOfTheSession() {
    RestoreSession session = sessions.open(BACKUP, 0, "ann");
    RestoreSessions.Body<IOException> failing =
        () -> {
          throw new IOException("disk gone");
        };
    IOException e = assertThrows(IOException.class, () -> sessions.during(session, failing));
    assertEquals("disk gone", e.getMessage());
    sessions.close(session.id(), "ann");
    assertEquals(1, sources.closed.get(), "no use left open keeps the image");
  }

  @Test
  void aCatalogFailureAfterTheOpenLeavesNoSessionAndClosesTheImage() {
    IllegalStateException down = new IllegalStateException("catalog unreachable");
    sources.onCheck = down;
    assertSame(
        down, assertThrows(IllegalStateException.class, () -> sessions.open(BACKUP, 0, "ann")));
    assertNothingLeft();
  }

  @Test
  void aPointThatChangedMeanwhileIsRefusedAndLeavesNoSession() {
    sources.onCheck = new Refusal(409, "Backup 7 is DELETING; it cannot be opened");
    Refusal refused = assertThrows(Refusal.class, () -> sessions.open(BACKUP, 0, "ann"));
    assertEquals(409, refused.status());
    assertNothingLeft();
  }

  @Test
  void theOpenPastTheCapIsRefusedAndClosesNothingOfTheOthers() {
    for (int i = 0; i < RestoreSessions.MAX_PER_USER; i++) {
      sessions.open(BACKUP, 0, "ann");
    }
    Refusal refused = assertThrows(Refusal.class, () -> sessions.open(BACKUP, 0, "ann"));
    assertEquals(409, refused.status());
    assertEquals(RestoreSessions.MAX_PER_USER, sessions.of("ann").size());
    assertEquals(sources.opened.get(), sources.closed.get() + RestoreSessions.MAX_PER_USER);
    sessions.open(BACKUP, 0, "bob");
    assertEquals(1, sessions.of("bob").size(), "the cap is per user");
  }

  /**
   * Opens of one user racing on other threads (two tabs, a script): exactly the cap are open at the
   * end, every other one is refused with 409, and each refused open closed the image it opened.
   */
  @Test
  void racingOpensOfOneUserStopAtTheCapAndCloseWhatTheyOpenedForNothing() throws Exception {
    int cap = RestoreSessions.MAX_PER_USER;
    int racers = 4 * cap;
    CountDownLatch go = new CountDownLatch(1);
    // every racer has passed the first count and opens its image at the same time
    sources.together = new CountDownLatch(racers);
    ExecutorService threads = Executors.newFixedThreadPool(racers);
    List<Future<Integer>> outcomes = new ArrayList<>();
    try {
      for (int i = 0; i < racers; i++) {
        outcomes.add(
            threads.submit(
                () -> {
                  go.await();
                  try {
                    sessions.open(BACKUP, 0, "ann");
                    return 201;
                  } catch (Refusal refused) {
                    return refused.status();
                  }
                }));
      }
      go.countDown();
      Map<Integer, Integer> byStatus = new TreeMap<>();
      for (Future<Integer> outcome : outcomes) {
        byStatus.merge(outcome.get(30, TimeUnit.SECONDS), 1, Integer::sum);
      }
      assertEquals(Map.of(201, cap, 409, racers - cap), byStatus);
    } finally {
      threads.shutdownNow();
    }
    assertEquals(cap, sessions.of("ann").size());
    assertEquals(cap, sessions.openCount());
    assertEquals(sources.opened.get() - cap, sources.closed.get(), "refused opens closed theirs");
  }

  private void assertNothingLeft() {
    assertEquals(List.of(), sessions.of("ann"));
    assertEquals(Optional.empty(), sessions.holdOn(BACKUP));
    assertEquals(0, sessions.openCount());
    assertEquals(1, sources.opened.get());
    assertEquals(1, sources.closed.get(), "the repository session opened for it is closed");
  }

  /** The point's image in a local folder, each open through a store that counts its closing. */
  static final class Sources extends RestoreSources {
    private final Path folder;
    RuntimeException onCheck;
    CountDownLatch together;
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();

    Sources(Path folder) {
      this.folder = folder;
    }

    @Override
    public DiskImage image(long backupId, int diskIndex) {
      return new DiskImage(
          new RestoreSession.Target(backupId, "web01", Instant.EPOCH, diskIndex),
          1,
          "disk.qcow2",
          1 << 20);
    }

    @Override
    public OpenedPoint open(DiskImage image) {
      ImageStore store = new Counted(new LocalImageStore(folder));
      try {
        opened.incrementAndGet();
        if (together != null) {
          together.countDown();
          together.await(10, TimeUnit.SECONDS);
        }
        return new OpenedPoint(store, Qcow2Chain.open(store, image.fileName()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void checkUsable(long backupId) {
      if (onCheck != null) {
        throw onCheck;
      }
    }

    /** A local store that notes when it is closed. */
    private final class Counted implements ImageStore {
      private final ImageStore store;

      Counted(ImageStore store) {
        this.store = store;
      }

      @Override
      public String location(String name) {
        return store.location(name);
      }

      @Override
      public Optional<ImageEntry> stat(String name) throws IOException {
        return store.stat(name);
      }

      @Override
      public List<ImageEntry> list(String folder) throws IOException {
        return store.list(folder);
      }

      @Override
      public void createDirectories(String folder) throws IOException {
        store.createDirectories(folder);
      }

      @Override
      public ImageChannel create(String name) throws IOException {
        return store.create(name);
      }

      @Override
      public ImageChannel open(String name, boolean writable) throws IOException {
        return store.open(name, writable);
      }

      @Override
      public void rename(String from, String to) throws IOException {
        store.rename(from, to);
      }

      @Override
      public boolean deleteIfExists(String name) throws IOException {
        return store.deleteIfExists(name);
      }

      @Override
      public void close() throws IOException {
        closed.incrementAndGet();
        store.close();
      }
    }
  }
}
