package io.sendense.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.batch.wire.WorkItem;
import io.sendense.image.store.LocalImageStore;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayReadsTest {
  private static final long PLACED = 4;

  @TempDir Path folder;
  private final AtomicLong now = new AtomicLong();
  private final AtomicInteger opened = new AtomicInteger();

  private RelayReads reads() {
    WorkItem.Extension repository =
        new WorkItem.Extension("local", "far", Map.of("path", folder.toString()));
    return new RelayReads(
        id -> id == PLACED ? Optional.of(repository) : Optional.empty(),
        r -> {
          opened.incrementAndGet();
          return new LocalImageStore(Path.of(r.config().get("path")));
        },
        now::get);
  }

  private static JsonObject request(long repository, String op, String name, long at, int n) {
    return Json.createObjectBuilder()
        .add("id", "ab12")
        .add("repositoryId", repository)
        .add("op", op)
        .add("name", name)
        .add("position", at)
        .add("length", n)
        .build();
  }

  private static JsonObject json(RelayReads.Reply reply) {
    assertEquals("application/json", reply.contentType());
    return Json.createReader(new StringReader(new String(reply.bytes(), StandardCharsets.UTF_8)))
        .readObject();
  }

  @Test
  void readsStatsAndListsInARepositoryPlacedOnTheNode() throws Exception {
    byte[] data = new byte[100_000];
    new Random(3).nextBytes(data);
    Files.createDirectories(folder.resolve("vm-1"));
    Files.write(folder.resolve("vm-1/full.qcow2"), data);
    RelayReads reads = reads();
    RelayReads.Reply read = reads.run(request(PLACED, "READ", "vm-1/full.qcow2", 99_000, 4096));
    assertEquals("application/octet-stream", read.contentType());
    assertArrayEquals(Arrays.copyOfRange(data, 99_000, 100_000), read.bytes(), "cut at the end");
    assertEquals(
        100_000,
        json(reads.run(request(PLACED, "STAT", "vm-1/full.qcow2", 0, 0)))
            .getJsonObject("entry")
            .getInt("size"));
    assertEquals(
        "vm-1",
        json(reads.run(request(PLACED, "LIST", "", 0, 0)))
            .getJsonArray("entries")
            .getJsonObject(0)
            .getString("name"));
    JsonObject missing = json(reads.run(request(PLACED, "READ", "vm-1/none.qcow2", 0, 10)));
    assertTrue(missing.getBoolean("missing"), missing.toString());
    assertEquals(1, opened.get(), "the store stays open between requests");
    now.addAndGet(RelayReads.IDLE_NANOS + 1);
    reads.closeIdle();
    reads.run(request(PLACED, "STAT", "vm-1/full.qcow2", 0, 0));
    assertEquals(2, opened.get(), "an idle store is closed and opened again when needed");
  }

  @Test
  void refusesRepositoriesNotPlacedHereNamesLeavingTheStoreAndWrites() throws Exception {
    Files.writeString(folder.getParent().resolve("secret.txt"), "no");
    Files.writeString(folder.resolve("x.qcow2"), "image");
    RelayReads reads = reads();
    JsonObject foreign = json(reads.run(request(9, "READ", "x.qcow2", 0, 10)));
    assertEquals("repository 9 is not placed on this node", foreign.getString("error"));
    JsonObject escape = json(reads.run(request(PLACED, "READ", "../secret.txt", 0, 10)));
    assertTrue(escape.getString("error").contains("has a '..' segment"), escape.toString());
    JsonObject absolute = json(reads.run(request(PLACED, "STAT", "/etc/passwd", 0, 0)));
    assertTrue(absolute.getString("error").contains("is absolute"), absolute.toString());
    JsonObject delete = json(reads.run(request(PLACED, "DELETE", "x.qcow2", 0, 0)));
    assertEquals("unknown relay operation 'DELETE'", delete.getString("error"));
    JsonObject huge = json(reads.run(request(PLACED, "READ", "x.qcow2", 0, 64 << 20)));
    assertEquals(
        "a relayed read takes 0 to 4194304 bytes at a position of 0 or more",
        huge.getString("error"));
    assertEquals(
        "application/octet-stream",
        reads.run(request(PLACED, "READ", "x.qcow2", 0, 5)).contentType(),
        "the file itself is read");
  }
}
