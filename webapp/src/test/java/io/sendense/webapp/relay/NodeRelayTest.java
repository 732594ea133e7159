package io.sendense.webapp.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.image.store.ImageChannel;
import io.sendense.image.store.ImageEntry;
import io.sendense.webapp.common.Refusal;
import jakarta.json.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NodeRelayTest {
  private static final long NODE = 7;
  private static final long OTHER = 8;
  private static final int FILE = 3 * RelayedChannel.BLOCK + 12345;

  private final NodeRelay relay = new NodeRelay();
  private final byte[] file = new byte[FILE];
  private final AtomicInteger reads = new AtomicInteger();
  private volatile boolean nodeRuns = true;
  private Thread node;

  NodeRelayTest() {
    relay.timeoutSeconds = 30;
    new Random(17).nextBytes(file);
  }

  @AfterEach
  void stopNode() throws InterruptedException {
    nodeRuns = false;
    if (node != null) {
      node.join(5000);
    }
  }

  /** A node that answers its requests from one file, {@code disk.qcow2}, as the real one would. */
  private void startNode() {
    node =
        new Thread(
            () -> {
              while (nodeRuns) {
                try {
                  for (RelayRequest r : relay.take(NODE, Duration.ofMillis(100))) {
                    relay.answer(NODE, r.id(), serve(r));
                  }
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    node.start();
  }

  private RelayAnswer serve(RelayRequest r) {
    boolean known = r.name().equals("disk.qcow2");
    return switch (r.op()) {
      case RelayRequest.STAT ->
          RelayAnswer.ofJson(
              known
                  ? Json.createObjectBuilder()
                      .add(
                          "entry",
                          Json.createObjectBuilder()
                              .add("name", r.name())
                              .add("directory", false)
                              .add("size", FILE))
                      .build()
                  : Json.createObjectBuilder().addNull("entry").build());
      case RelayRequest.LIST ->
          RelayAnswer.ofJson(
              Json.createObjectBuilder()
                  .add(
                      "entries",
                      Json.createArrayBuilder()
                          .add(
                              Json.createObjectBuilder()
                                  .add("name", "disk.qcow2")
                                  .add("directory", false)
                                  .add("size", FILE)))
                  .build());
      default -> {
        if (!known) {
          yield RelayAnswer.ofJson(
              Json.createObjectBuilder().add("error", "no such file").add("missing", true).build());
        }
        reads.incrementAndGet();
        int from = (int) r.position();
        yield RelayAnswer.ofData(
            java.util.Arrays.copyOfRange(file, from, Math.min(FILE, from + r.length())));
      }
    };
  }

  /**
   * No request waits within a second: a request is forgotten just after its answer or timeout
   * completes it, which a reader may see a moment before.
   */
  private void assertNoneWaits(String why) throws InterruptedException {
    long until = System.nanoTime() + 1_000_000_000L;
    while (relay.waiting() > 0 && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertEquals(0, relay.waiting(), why);
  }

  private RelayedImageStore store() {
    return new RelayedImageStore(relay.client(NODE, "node-a", 3), "far");
  }

  @Test
  void readsAcrossBlockEdgesReturnTheFilesBytesAndSmallReadsComeFromTheCache() throws Exception {
    startNode();
    try (ImageChannel channel = store().open("disk.qcow2", false)) {
      assertEquals(FILE, channel.size());
      ByteBuffer edge = ByteBuffer.allocate(1000);
      channel.readOrZero(edge, RelayedChannel.BLOCK - 500L);
      assertArrayEquals(
          java.util.Arrays.copyOfRange(
              file, RelayedChannel.BLOCK - 500, RelayedChannel.BLOCK + 500),
          edge.array(),
          "a read across a block edge");
      // the blocks it asked for ahead are counted once the node answered them
      assertNoneWaits("the node answered every block asked ahead");
      int asked = reads.get();
      for (int at = RelayedChannel.BLOCK - 400; at < RelayedChannel.BLOCK + 400; at += 100) {
        ByteBuffer small = ByteBuffer.allocate(100);
        assertEquals(100, channel.read(small, at));
        assertArrayEquals(java.util.Arrays.copyOfRange(file, at, at + 100), small.array());
      }
      assertEquals(asked, reads.get(), "small reads in cached blocks ask the node nothing");
      ByteBuffer tail = ByteBuffer.allocate(20000);
      assertEquals(12345, channel.read(tail, 3L * RelayedChannel.BLOCK));
      assertEquals(-1, channel.read(ByteBuffer.allocate(10), FILE));
    }
  }

  @Test
  void aSequentialReadOfTheWholeFileAsksEachBlockOnceWithReadAhead() throws Exception {
    startNode();
    byte[] copy = new byte[FILE];
    try (ImageChannel channel = store().open("disk.qcow2", false)) {
      for (int at = 0; at < FILE; at += 65536) {
        ByteBuffer b = ByteBuffer.wrap(copy, at, Math.min(65536, FILE - at)).slice();
        channel.readOrZero(b, at);
      }
    }
    assertArrayEquals(file, copy);
    assertEquals(4, reads.get(), "one request per block of the file");
    assertNoneWaits("nothing left waiting");
  }

  @Test
  void severalThreadsReadingAtRandomGetTheFilesBytes() throws Exception {
    startNode();
    try (ImageChannel channel = store().open("disk.qcow2", false)) {
      List<Thread> readers = new java.util.ArrayList<>();
      List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
      for (int t = 0; t < 4; t++) {
        Random random = new Random(t);
        Thread reader =
            new Thread(
                () -> {
                  try {
                    for (int i = 0; i < 200; i++) {
                      int at = random.nextInt(FILE);
                      int n = Math.min(FILE - at, 1 + random.nextInt(3 << 20));
                      ByteBuffer b = ByteBuffer.allocate(n);
                      channel.readOrZero(b, at);
                      assertArrayEquals(java.util.Arrays.copyOfRange(file, at, at + n), b.array());
                    }
                  } catch (Throwable e) {
                    failures.add(e);
                  }
                });
        readers.add(reader);
        reader.start();
      }
      for (Thread reader : readers) {
        reader.join();
      }
      assertEquals(List.of(), failures);
    }
  }

  @Test
  void readsGoingForwardAskAheadEvenWithReadsElsewhereInBetween() throws Exception {
    long blocks = 8;
    RelayedChannel channel =
        new RelayedChannel(
            relay.client(NODE, "node-a", 3), "disk.qcow2", blocks * RelayedChannel.BLOCK, null);
    assertEquals(List.of(0L), readAnswering(channel, 0), "the first read asks for its block only");
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), readAnswering(channel, 1), "forward: ahead");
    assertEquals(List.of(), readAnswering(channel, 0), "metadata elsewhere, from the cache");
    assertEquals(List.of(6L), readAnswering(channel, 2), "still forward: one more block ahead");
    assertEquals(List.of(7L), readAnswering(channel, 3), "up to the end of the file only");
  }

  /** Reads the first byte of {@code block}, answering every request; the blocks asked for. */
  private List<Long> readAnswering(RelayedChannel channel, long block) throws Exception {
    CompletableFuture<Integer> read =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return channel.read(ByteBuffer.allocate(1), block * RelayedChannel.BLOCK);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    List<Long> asked = new java.util.ArrayList<>();
    while (!read.isDone() || relay.waiting() > 0) {
      for (RelayRequest r : relay.take(NODE, Duration.ofMillis(20))) {
        asked.add(r.position() / RelayedChannel.BLOCK);
        relay.answer(NODE, r.id(), RelayAnswer.ofData(new byte[r.length()]));
      }
    }
    assertEquals(1, read.get());
    return asked.stream().sorted().toList();
  }

  @Test
  void statListAndMissingFilesAnswerAsAStoreDoes() throws Exception {
    startNode();
    RelayedImageStore store = store();
    assertEquals(Optional.of(new ImageEntry("disk.qcow2", false, FILE)), store.stat("disk.qcow2"));
    assertEquals(Optional.empty(), store.stat("other.qcow2"));
    assertEquals(List.of(new ImageEntry("disk.qcow2", false, FILE)), store.list(""));
    NoSuchFileException missing =
        assertThrows(NoSuchFileException.class, () -> store.open("other.qcow2", false));
    assertTrue(missing.getMessage().contains("node 'node-a'"), missing.getMessage());
    assertThrows(IllegalArgumentException.class, () -> store.stat("../etc/passwd"));
  }

  @Test
  void writesFailSayingTheRepositoryIsReadThroughTheNode() throws Exception {
    startNode();
    RelayedImageStore store = store();
    IOException e = assertThrows(IOException.class, () -> store.create("x.qcow2"));
    assertEquals(
        "Repository 'far' is read through node 'node-a' and cannot be written from the hub"
            + " (x.qcow2)",
        e.getMessage());
    assertThrows(IOException.class, () -> store.open("disk.qcow2", true));
    assertThrows(IOException.class, () -> store.deleteIfExists("disk.qcow2"));
    assertThrows(IOException.class, () -> store.rename("disk.qcow2", "y"));
    try (ImageChannel channel = store.open("disk.qcow2", false)) {
      assertThrows(IOException.class, () -> channel.write(ByteBuffer.allocate(1), 0));
    }
  }

  @Test
  void anAnswerIsTakenOnlyFromTheNodeAskedAndOnlyOnce() throws Exception {
    NodeRelay.Client client = relay.client(NODE, "node-a", 3);
    CompletableFuture<RelayAnswer> asked = client.send(RelayRequest.STAT, "a", 0, 0);
    assertEquals(List.of(), relay.take(OTHER, Duration.ofMillis(10)), "not another node's");
    RelayRequest request = relay.take(NODE, Duration.ofMillis(10)).get(0);
    RelayAnswer answer = RelayAnswer.ofJson(Json.createObjectBuilder().addNull("entry").build());
    Refusal foreign = assertThrows(Refusal.class, () -> relay.answer(OTHER, request.id(), answer));
    assertEquals(403, foreign.status());
    assertTrue(!asked.isDone(), "a foreign answer completes nothing");
    relay.answer(NODE, request.id(), answer);
    assertEquals(answer, asked.get());
    Refusal again = assertThrows(Refusal.class, () -> relay.answer(NODE, request.id(), answer));
    assertEquals(404, again.status());
    Refusal unknown = assertThrows(Refusal.class, () -> relay.answer(NODE, "abc123", answer));
    assertEquals(404, unknown.status());
  }

  @Test
  void aNodeThatDoesNotAnswerGivesAClearErrorAfterTheTimeout() throws Exception {
    relay.timeoutSeconds = 1;
    long started = System.nanoTime();
    IOException e = assertThrows(IOException.class, () -> store().stat("disk.qcow2"));
    assertEquals("Node 'node-a' did not answer within 1 s: is it online?", e.getMessage());
    assertTrue(System.nanoTime() - started < 5_000_000_000L, "not much longer than the timeout");
    assertNoneWaits("the request is forgotten");
  }

  @Test
  void aFailedBlockIsAskedAgainByTheNextRead() throws Exception {
    relay.timeoutSeconds = 1;
    RelayedChannel channel =
        new RelayedChannel(relay.client(NODE, "node-a", 3), "disk.qcow2", FILE, IOException::new);
    assertThrows(IOException.class, () -> channel.read(ByteBuffer.allocate(10), 0));
    startNode();
    ByteBuffer b = ByteBuffer.allocate(10);
    assertEquals(10, channel.read(b, 0));
    assertArrayEquals(java.util.Arrays.copyOf(file, 10), b.array());
  }
}
