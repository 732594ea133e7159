package io.sendense.node;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's side of the hub's read relay: the hub reads a repository placed on this node (a file
 * of a point to restore, a disk to download, the source of a copy) through the node, which dials
 * out as always. One thread long-polls {@code POST /node/v1/relay/poll} (one only: a waiting poll
 * holds one of the hub's node listener threads), each answer a batch of the requests waiting;
 * {@link #WORKERS} threads run them ({@link RelayReads}) and post each answer to {@code POST
 * /node/v1/relay/{id}}, so several reads are in flight at once. A hub that cannot be reached is
 * polled again after a pause.
 */
final class RelayAgent {
  private static final Logger LOG = Logger.getLogger(RelayAgent.class.getName());
  static final int WORKERS = 4;

  private final HubConnection hub;
  private final RelayReads reads;
  private final ExecutorService workers =
      Executors.newFixedThreadPool(
          WORKERS,
          r -> {
            Thread t = new Thread(r, "relay-read");
            t.setDaemon(true);
            return t;
          });

  RelayAgent(HubConnection hub, RelayReads reads) {
    this.hub = hub;
    this.reads = reads;
  }

  void start() {
    Thread poller = new Thread(this::poll, "relay-poll");
    poller.setDaemon(true);
    poller.start();
  }

  private void poll() {
    long pause = 1000;
    while (!Thread.currentThread().isInterrupted()) {
      try {
        JsonObject answer = hub.post("node/v1/relay/poll", JsonObject.EMPTY_JSON_OBJECT, 60_000);
        answer.getJsonArray("requests").getValuesAs(JsonObject.class).stream()
            .filter(r -> r.getString("id", "").matches("[0-9a-f]{1,64}"))
            .forEach(r -> workers.execute(() -> answer(r)));
        reads.closeIdle();
        pause = 1000;
      } catch (IOException | HubException e) {
        LOG.fine(() -> "The hub did not answer the relay poll (" + e.getMessage() + ")");
        try {
          Thread.sleep(pause);
        } catch (InterruptedException stop) {
          return;
        }
        pause = Math.min(10_000, pause * 2);
      }
    }
  }

  private void answer(JsonObject request) {
    RelayReads.Reply reply = reads.run(request);
    try {
      hub.post(
          "node/v1/relay/" + request.getString("id"), reply.contentType(), reply.bytes(), 30_000);
    } catch (IOException | HubException e) {
      LOG.log(Level.WARNING, "The hub did not take a relayed read's answer: " + e.getMessage());
    }
  }
}
