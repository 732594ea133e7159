package io.sendense.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TransferRecordsTest {
  private final List<String> sent = new CopyOnWriteArrayList<>();
  private final CountDownLatch hubAnswers = new CountDownLatch(1);
  private final CountDownLatch firstCall = new CountDownLatch(1);

  /** A hub that takes the first record only once {@link #hubAnswers} opens. */
  private final TransferRecords records =
      new TransferRecords(
          (backupId, args) -> {
            firstCall.countDown();
            await(hubAnswers);
            if (args.getString("position").equals("bad")) {
              throw new IllegalStateException("The hub did not answer transferCommitted");
            }
            sent.add(backupId + ":" + args.getInt("disk") + "@" + args.getString("position"));
          });

  private static JsonObject at(int disk, String position) {
    return Json.createObjectBuilder().add("disk", disk).add("position", position).build();
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(10, TimeUnit.SECONDS), "not released");
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void whileTheHubIsSlowADisksNewestRecordReplacesTheWaitingOnesAndAFlushWaitsForAll()
      throws Exception {
    records.record(1, 2000, at(2000, "16"));
    await(firstCall); // 16 is being sent; the hub has not answered
    records.record(1, 2000, at(2000, "32"));
    records.record(1, 2001, at(2001, "16"));
    records.record(1, 2000, at(2000, "48"));
    CompletableFuture<Void> flushed = CompletableFuture.runAsync(() -> records.flush(1));
    Thread.sleep(200);
    assertFalse(flushed.isDone(), "the flush returned before the hub took the records");

    hubAnswers.countDown();
    flushed.get(10, TimeUnit.SECONDS);
    assertEquals(List.of("1:2000@16", "1:2000@48", "1:2001@16"), sent);
  }

  @Test
  void aRecordTheHubDidNotTakeFailsTheBackupsNextRecordOrFlushOnce() throws Exception {
    hubAnswers.countDown();
    records.record(7, 2000, at(2000, "bad"));
    records.record(8, 2000, at(2000, "16")); // sent after 7's
    records.flush(8); // another backup is not affected
    RuntimeException failed = assertThrows(IllegalStateException.class, () -> records.flush(7));
    assertEquals("The hub did not answer transferCommitted", failed.getMessage());
    records.flush(7); // reported once
    records.record(7, 2000, at(2000, "bad"));
    records.record(8, 2000, at(2000, "32")); // sent after 7's: once it is, 7's has failed
    records.flush(8);
    assertThrows(IllegalStateException.class, () -> records.record(7, 2000, at(2000, "32")));
    records.flushQuietly(7);
    assertEquals(List.of("8:2000@16", "8:2000@32"), sent);
  }
}
