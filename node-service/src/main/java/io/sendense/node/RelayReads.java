package io.sendense.node;

import io.sendense.batch.wire.WorkItem;
import io.sendense.image.store.ImageChannel;
import io.sendense.image.store.ImageEntry;
import io.sendense.image.store.ImageNames;
import io.sendense.image.store.ImageStore;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the reads the hub asks of this node in the repositories placed on it ({@link RelayAgent}):
 * stat, list, or read a range of a file, never anything that writes. Only a repository the hub's
 * last poll answer placed on this node is opened, and every name is checked ({@link ImageNames}:
 * nothing absolute, no {@code ..}). Stores and read channels stay open while the hub reads (a
 * share's session, a file's handle) and are closed after a minute unused.
 */
final class RelayReads {
  private static final Logger LOG = Logger.getLogger(RelayReads.class.getName());
  static final int MAX_READ = 4 << 20;
  static final long IDLE_NANOS = 60_000_000_000L;

  /** What to post back: a read's bytes, or JSON. */
  record Reply(String contentType, byte[] bytes) {
    static Reply json(JsonObject o) {
      return new Reply("application/json", o.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  private record Open<T extends Closeable>(T it, WorkItem.Extension repository, long[] used) {}

  private final LongFunction<Optional<WorkItem.Extension>> placed;
  private final Function<WorkItem.Extension, ImageStore> opener;
  private final LongSupplier clock;
  private final Map<Long, Open<ImageStore>> stores = new HashMap<>();
  private final Map<String, Open<ImageChannel>> channels = new HashMap<>();

  RelayReads(
      LongFunction<Optional<WorkItem.Extension>> placed,
      Function<WorkItem.Extension, ImageStore> opener,
      LongSupplier clock) {
    this.placed = placed;
    this.opener = opener;
    this.clock = clock;
  }

  /** Runs one request of the hub's relay poll; a failure is answered as such, with its reason. */
  Reply run(JsonObject request) {
    try {
      long repositoryId = request.getJsonNumber("repositoryId").longValueExact();
      String name = ImageNames.check(request.getString("name"));
      WorkItem.Extension repository =
          placed
              .apply(repositoryId)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "repository " + repositoryId + " is not placed on this node"));
      return switch (request.getString("op")) {
        case "STAT" ->
            Reply.json(
                Json.createObjectBuilder()
                    .add(
                        "entry",
                        store(repositoryId, repository)
                            .stat(name)
                            .<jakarta.json.JsonValue>map(e -> entry(e).build())
                            .orElse(jakarta.json.JsonValue.NULL))
                    .build());
        case "LIST" -> {
          JsonArrayBuilder entries = Json.createArrayBuilder();
          store(repositoryId, repository).list(name).forEach(e -> entries.add(entry(e)));
          yield Reply.json(Json.createObjectBuilder().add("entries", entries).build());
        }
        case "READ" -> {
          long position = request.getJsonNumber("position").longValueExact();
          int length = request.getInt("length");
          if (position < 0 || length < 0 || length > MAX_READ) {
            throw new IllegalArgumentException(
                "a relayed read takes 0 to " + MAX_READ + " bytes at a position of 0 or more");
          }
          yield new Reply(
              "application/octet-stream",
              read(channel(repositoryId, repository, name), position, length));
        }
        default ->
            throw new IllegalArgumentException(
                "unknown relay operation '" + request.getString("op") + "'");
      };
    } catch (NoSuchFileException e) {
      return error(e, true);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "A relayed read failed", e);
      return error(e, false);
    }
  }

  private static byte[] read(ImageChannel channel, long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        break;
      }
    }
    return buffer.position() == length
        ? buffer.array()
        : Arrays.copyOf(buffer.array(), buffer.position());
  }

  private synchronized ImageStore store(long id, WorkItem.Extension repository) {
    Open<ImageStore> open = stores.get(id);
    if (open != null && !open.repository().equals(repository)) {
      closeStore(id); // its configuration changed on the hub
      open = null;
    }
    if (open == null) {
      open = new Open<>(opener.apply(repository), repository, new long[1]);
      stores.put(id, open);
    }
    open.used()[0] = clock.getAsLong();
    return open.it();
  }

  private ImageChannel channel(long id, WorkItem.Extension repository, String name)
      throws IOException {
    ImageStore store = store(id, repository);
    String key = id + "/" + name;
    synchronized (this) {
      Open<ImageChannel> open = channels.get(key);
      if (open == null) {
        open = new Open<>(store.open(name, false), repository, new long[1]);
        channels.put(key, open);
      }
      open.used()[0] = clock.getAsLong();
      return open.it();
    }
  }

  /** Closes the stores and channels unused for a minute. */
  synchronized void closeIdle() {
    long now = clock.getAsLong();
    for (Iterator<Open<ImageChannel>> i = channels.values().iterator(); i.hasNext(); ) {
      Open<ImageChannel> open = i.next();
      if (now - open.used()[0] > IDLE_NANOS) {
        closeQuietly(open.it());
        i.remove();
      }
    }
    stores.entrySet().stream()
        .filter(e -> now - e.getValue().used()[0] > IDLE_NANOS)
        .map(Map.Entry::getKey)
        .toList()
        .forEach(this::closeStore);
  }

  private void closeStore(long id) {
    channels
        .entrySet()
        .removeIf(e -> e.getKey().startsWith(id + "/") && closeQuietly(e.getValue().it()));
    closeQuietly(stores.remove(id).it());
  }

  private static boolean closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      LOG.log(Level.FINE, "closing " + c, e);
    }
    return true;
  }

  private static JsonObjectBuilder entry(ImageEntry e) {
    return Json.createObjectBuilder()
        .add("name", e.name())
        .add("directory", e.directory())
        .add("size", e.size());
  }

  private static Reply error(Exception e, boolean missing) {
    return Reply.json(
        Json.createObjectBuilder()
            .add("error", String.valueOf(e.getMessage()))
            .add("missing", missing)
            .build());
  }
}
