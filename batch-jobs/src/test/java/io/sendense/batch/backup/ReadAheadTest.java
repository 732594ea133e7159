package io.sendense.batch.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sendense.plugin.api.source.DiskExtent;
import io.sendense.plugin.api.source.DiskReader;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceProblem;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class ReadAheadTest {
  private static final int BLOCK = 64 << 10;

  @Test
  void keepsAsManyReadsInFlightAsTheReaderServesAndHandsBlocksOutInDiskOrder() throws Exception {
    CountDownLatch firstFourIn = new CountDownLatch(4);
    CountDownLatch othersDone = new CountDownLatch(3);
    FakeReader reader =
        new FakeReader(4) {
          @Override
          void beforeRead(int item) throws Exception {
            if (item < 4) {
              firstFourIn.countDown();
              await(firstFourIn); // items 0-3 are in flight at once
            }
            if (item == 0) {
              await(othersDone); // the first block comes in after the next three
            }
          }

          @Override
          void afterRead(int item) {
            if (item >= 1 && item <= 3) {
              othersDone.countDown();
            }
          }
        };
    try (ReadAhead items = items(reader, List.of(new DiskExtent(0, 20L * BLOCK)))) {
      for (int i = 0; i < 20; i++) {
        Block block = items.next();
        assertEquals(List.of((long) i * BLOCK), block.offsets());
        assertContent(block);
        block.release();
      }
      assertNull(items.next());
    }
    assertEquals(4, reader.maxInFlight.get());
    assertEquals(4, reader.threads.size());
    assertEquals(range(0, 20), reader.startedItems());
  }

  @Test
  void readsOneAtATimeWhenTheReaderServesOne() throws Exception {
    FakeReader reader = new FakeReader(1);
    try (ReadAhead items = items(reader, List.of(new DiskExtent(0, 20L * BLOCK)))) {
      for (int i = 0; i < 20; i++) {
        Block block = items.next();
        assertEquals(List.of((long) i * BLOCK), block.offsets());
        assertContent(block);
        block.release();
      }
      assertNull(items.next());
    }
    assertEquals(1, reader.threads.size());
    assertEquals(1, reader.maxInFlight.get());
  }

  @Test
  void aFailedReadStopsEveryReadNotYetStarted() throws Exception {
    CountDownLatch behindStarted = new CountDownLatch(3);
    CountDownLatch failureSeen = new CountDownLatch(1);
    FakeReader reader =
        new FakeReader(4) {
          @Override
          void beforeRead(int item) throws Exception {
            if (item == 4) {
              await(behindStarted); // items 5-7 are in flight when item 4 fails
              throw new SourceException(SourceProblem.CONNECTION_LOST, "injected at item 4");
            }
            if (item > 4) {
              behindStarted.countDown();
              await(failureSeen);
            }
          }
        };
    try (ReadAhead items = items(reader, List.of(new DiskExtent(0, 40L * BLOCK)))) {
      for (int i = 0; i < 4; i++) {
        Block block = items.next();
        assertEquals(List.of((long) i * BLOCK), block.offsets());
        block.release();
      }
      SourceException e = assertThrows(SourceException.class, items::next);
      assertEquals("injected at item 4", e.getMessage());
      failureSeen.countDown();
    }
    assertEquals(range(0, 8), reader.startedItems());
  }

  @Test
  void anItemStoppedHalfwayReportsTheFailureThatStoppedIt() throws Exception {
    AtomicReference<ReadAhead> ahead = new AtomicReference<>();
    FakeReader reader =
        new FakeReader(2) {
          @Override
          void beforeRead(int item) throws Exception {
            if (item == 0) {
              poll(() -> ahead.get().stopped()); // the item's second extent fails meanwhile
            }
            if (item == 1) {
              poll(() -> started.contains(0)); // the first extent has started before it fails
              throw new SourceException(SourceProblem.CONNECTION_LOST, "injected at extent 1");
            }
          }
        };
    // Four extents of a quarter block each per item: item 0 is at blocks 0-3, item 1 at 4-7.
    List<DiskExtent> ranges = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      ranges.add(new DiskExtent((long) i * BLOCK, BLOCK / 4));
    }
    try (ReadAhead items = items(reader, ranges)) {
      ahead.set(items);
      SourceException e = assertThrows(SourceException.class, items::next);
      assertEquals("injected at extent 1", e.getMessage());
    }
    assertEquals(List.of(0, 1), reader.startedItems(), "the extents behind were not read");
  }

  @Test
  void theExtentsOfOneItemAreReadOnSeveralConnectionsAtOnceAndComeOutInOrder() throws Exception {
    CountDownLatch allFourIn = new CountDownLatch(4);
    FakeReader reader =
        new FakeReader(4) {
          @Override
          void beforeRead(int item) throws Exception {
            if (item < 4) {
              allFourIn.countDown();
              await(allFourIn); // the four extents of item 0 are in flight at once
            }
            if (item == 0) {
              poll(() -> started.contains(3)); // the first extent ends last
            }
          }
        };
    // Changed extents of a quarter block, one block apart: four per item, sixteen in all.
    List<DiskExtent> ranges = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      ranges.add(new DiskExtent((long) i * BLOCK, BLOCK / 4));
    }
    try (ReadAhead items = items(reader, ranges)) {
      for (int item = 0; item < 4; item++) {
        Block block = items.next();
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          expected.add((long) (item * 4 + i) * BLOCK);
        }
        assertEquals(expected, block.offsets(), "item " + item);
        for (int i = 0; i < 4; i++) {
          ByteBuffer piece = block.pieces().get(i);
          assertEquals(BLOCK / 4, piece.remaining());
          assertEquals(FakeReader.byteAt(expected.get(i)), piece.get(piece.position()));
          assertEquals(
              FakeReader.byteAt(expected.get(i) + BLOCK / 4 - 4096),
              piece.get(piece.position() + BLOCK / 4 - 4096));
        }
        block.release();
      }
      assertNull(items.next());
    }
    assertEquals(4, reader.maxInFlight.get());
    assertEquals(range(0, 16), reader.startedItems(), "one source read per extent");
  }

  @Test
  void closeFailsReadsInFlightAndClosesTheReader() throws Exception {
    CountDownLatch threeIn = new CountDownLatch(3);
    FakeReader reader =
        new FakeReader(3) {
          @Override
          void beforeRead(int item) throws Exception {
            threeIn.countDown();
            await(closed); // a real reader's reads fail when it is closed
            throw new SourceException(SourceProblem.CONNECTION_LOST, "reader closed");
          }
        };
    ReadAhead items = items(reader, List.of(new DiskExtent(0, 20L * BLOCK)));
    AtomicReference<Throwable> consumed = new AtomicReference<>();
    Thread consumer =
        new Thread(
            () -> {
              try {
                items.next();
              } catch (Throwable t) {
                consumed.set(t);
              }
            });
    consumer.start();
    await(threeIn);
    items.close();
    consumer.join(TimeUnit.MINUTES.toMillis(1));
    assertEquals(0, reader.closed.getCount());
    assertInstanceOf(SourceException.class, consumed.get());
    assertEquals(range(0, 3), reader.startedItems());
  }

  private static ReadAhead items(FakeReader reader, List<DiskExtent> ranges) {
    return new ReadAhead(reader, new BlockPacker(ranges, List.of(), BLOCK), false, BLOCK, 7);
  }

  private static List<Integer> range(int from, int to) {
    return java.util.stream.IntStream.range(from, to).boxed().toList();
  }

  private static void assertContent(Block block) {
    ByteBuffer piece = block.pieces().get(0);
    long offset = block.offsets().get(0);
    for (int i = 0; i < piece.remaining(); i += 4096) {
      assertEquals(FakeReader.byteAt(offset + i), piece.get(piece.position() + i), "at " + i);
    }
  }

  static void await(CountDownLatch latch) throws InterruptedException {
    if (!latch.await(1, TimeUnit.MINUTES)) {
      throw new IllegalStateException("the reads never reached the expected state");
    }
  }

  static void poll(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the reads never reached the expected state");
      }
      Thread.onSpinWait();
    }
  }

  /**
   * A disk whose byte at offset p is {@link #byteAt(long)}; records the blocks whose reads started
   * (by block number: {@code position / BLOCK}), the reads in flight at once and the threads
   * reading. Subclasses hold or fail the reads of chosen blocks.
   */
  private static class FakeReader implements DiskReader {
    final int parallel;
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final List<Integer> started = new CopyOnWriteArrayList<>();
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    final CountDownLatch closed = new CountDownLatch(1);

    FakeReader(int parallel) {
      this.parallel = parallel;
    }

    static byte byteAt(long offset) {
      return (byte) ((offset >>> 12) * 31 + 7);
    }

    void beforeRead(int item) throws Exception {}

    void afterRead(int item) {}

    List<Integer> startedItems() {
      return started.stream().sorted().toList();
    }

    @Override
    public int parallelReads() {
      return parallel;
    }

    @Override
    public long size() {
      return 1L << 40;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws SourceException {
      int index = (int) (position / BLOCK);
      started.add(index);
      threads.add(Thread.currentThread().getName());
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        beforeRead(index);
        int n = dst.remaining();
        for (int i = 0; i < n; i++) {
          dst.put(byteAt(position + i - i % 4096));
        }
        afterRead(index);
        return n;
      } catch (SourceException e) {
        throw e;
      } catch (Exception e) {
        throw new SourceException(SourceProblem.OTHER, "test reader: " + e, e);
      } finally {
        inFlight.decrementAndGet();
      }
    }

    @Override
    public void close() {
      closed.countDown();
    }
  }
}
