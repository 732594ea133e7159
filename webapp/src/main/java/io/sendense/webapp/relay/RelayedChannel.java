package io.sendense.webapp.relay;

import io.sendense.image.store.ImageChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A read-only file of a repository read through its node. File systems and the QCOW2 reader make
 * many small reads, each of which would be a round trip to the node, so the channel reads aligned
 * blocks of {@link #BLOCK} bytes, keeps the last {@link #CACHED} (LRU), and when a read reaches a
 * block whose predecessor it holds (a forward read, even with reads of metadata elsewhere in
 * between) it asks for the {@link #READ_AHEAD} blocks after it, so that several requests are in
 * flight while the reader consumes one. A failed block is forgotten, so the next read asks again.
 * The file's size is the one its stat gave when opened (points do not change).
 */
final class RelayedChannel implements ImageChannel {
  static final int BLOCK = 2 << 20;
  static final int CACHED = 8;
  static final int READ_AHEAD = 4;

  private final NodeRelay.Client client;
  private final String name;
  private final long size;
  private final Supplier<IOException> readOnly;
  private final Map<Long, CompletableFuture<RelayAnswer>> blocks =
      new LinkedHashMap<>(CACHED * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, CompletableFuture<RelayAnswer>> e) {
          return size() > CACHED;
        }
      };

  RelayedChannel(NodeRelay.Client client, String name, long size, Supplier<IOException> readOnly) {
    this.client = client;
    this.name = name;
    this.size = size;
    this.readOnly = readOnly;
  }

  @Override
  public int read(ByteBuffer dst, long position) throws IOException {
    if (position >= size) {
      return -1;
    }
    int total = 0;
    while (dst.hasRemaining() && position + total < size) {
      long at = position + total;
      long block = at / BLOCK;
      byte[] data = block(block);
      int offset = (int) (at - block * BLOCK);
      if (offset >= data.length) {
        break; // the file is shorter than its stat said
      }
      int n = Math.min(dst.remaining(), data.length - offset);
      dst.put(data, offset, n);
      total += n;
    }
    return total == 0 ? -1 : total;
  }

  /** The bytes of one block, from the cache or the node; asks ahead when reads go forward. */
  private byte[] block(long block) throws IOException {
    CompletableFuture<RelayAnswer> answer;
    synchronized (blocks) {
      boolean forward = blocks.containsKey(block - 1);
      answer = blocks.computeIfAbsent(block, this::fetch);
      if (forward) {
        for (long next = block + 1; next <= block + READ_AHEAD && next * BLOCK < size; next++) {
          if (!blocks.containsKey(next)) {
            blocks.put(next, fetch(next));
          }
        }
      }
    }
    try {
      return client.await(answer, name).data();
    } catch (IOException e) {
      synchronized (blocks) {
        blocks.remove(block, answer);
      }
      throw e;
    }
  }

  private CompletableFuture<RelayAnswer> fetch(long block) {
    long at = block * BLOCK;
    return client.send(RelayRequest.READ, name, at, (int) Math.min(BLOCK, size - at));
  }

  @Override
  public void write(ByteBuffer src, long position) throws IOException {
    throw readOnly.get();
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public void truncate(long size) throws IOException {
    throw readOnly.get();
  }

  @Override
  public void sync() {
    // nothing is ever written
  }

  @Override
  public void close() {
    synchronized (blocks) {
      blocks.values().forEach(b -> b.cancel(false));
      blocks.clear();
    }
  }
}
