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
import java.util.List;
import java.util.Optional;
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
    assertEquals(List.of(1, 0), List.of(sources.opened, sources.closed));
    sessions.close(session.id(), "ann");
    assertEquals(Optional.empty(), sessions.holdOn(BACKUP));
    assertEquals(1, sources.closed);
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
    assertEquals(sources.opened, sources.closed + RestoreSessions.MAX_PER_USER);
    sessions.open(BACKUP, 0, "bob");
    assertEquals(1, sessions.of("bob").size(), "the cap is per user");
  }

  private void assertNothingLeft() {
    assertEquals(List.of(), sessions.of("ann"));
    assertEquals(Optional.empty(), sessions.holdOn(BACKUP));
    assertEquals(0, sessions.openCount());
    assertEquals(1, sources.opened);
    assertEquals(1, sources.closed, "the repository session opened for it is closed");
  }

  /** The point's image in a local folder, each open through a store that counts its closing. */
  static final class Sources extends RestoreSources {
    private final Path folder;
    RuntimeException onCheck;
    int opened;
    int closed;

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
        opened++;
        return new OpenedPoint(store, Qcow2Chain.open(store, image.fileName()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
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
        closed++;
        store.close();
      }
    }
  }
}
