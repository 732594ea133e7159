package io.sendense.webapp.relay;

import io.sendense.webapp.common.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.NoSuchFileException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads of a repository placed on a node, made by that node for the hub (which never connects to a
 * node): a reader's request waits in the node's queue until the node's relay poll ({@code POST
 * /node/v1/relay/poll}) takes it, and the node's answer ({@code POST /node/v1/relay/{id}})
 * completes it. An answer is taken only from the node the request was given to, and only once; a
 * request without an answer within {@code sendense.nodes.relay-timeout-seconds} (30) fails saying
 * so, so a reader never waits for a node that went away. Requests live in memory only.
 */
@ApplicationScoped
public class NodeRelay {
  /** The most requests one relay poll answer carries. */
  static final int BATCH = 16;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<Long, BlockingQueue<Pending>> queues = new ConcurrentHashMap<>();
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();

  @Inject
  @ConfigProperty(name = "sendense.nodes.relay-timeout-seconds", defaultValue = "30")
  int timeoutSeconds;

  private record Pending(RelayRequest request, CompletableFuture<RelayAnswer> answer) {}

  /** Reads of one repository through its node. */
  public Client client(long nodeId, String nodeName, long repositoryId) {
    return new Client(nodeId, nodeName, repositoryId);
  }

  /**
   * The requests waiting for {@code nodeId} (at most {@link #BATCH}), waiting up to {@code wait}
   * for the first; empty when none came.
   */
  public List<RelayRequest> take(long nodeId, Duration wait) throws InterruptedException {
    BlockingQueue<Pending> queue = queue(nodeId);
    Pending first = queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    if (first == null) {
      return List.of();
    }
    List<Pending> batch = new ArrayList<>(List.of(first));
    queue.drainTo(batch, BATCH - 1);
    return batch.stream().filter(p -> !p.answer().isDone()).map(Pending::request).toList();
  }

  /**
   * Completes request {@code id} with the answer of node {@code nodeId}.
   *
   * @throws Refusal 404 if no such request waits (answered, timed out, never made), 403 if it was
   *     given to another node
   */
  public void answer(long nodeId, String id, RelayAnswer answer) {
    Pending p = pending.get(id);
    if (p == null) {
      throw new Refusal(404, "No relay request " + id + " waits for an answer (too late?)");
    }
    if (p.request().nodeId() != nodeId) {
      throw new Refusal(403, "Relay request " + id + " was not given to this node");
    }
    p.answer().complete(answer);
  }

  /** Requests made and not yet answered, for tests. */
  int waiting() {
    return pending.size();
  }

  private BlockingQueue<Pending> queue(long nodeId) {
    return queues.computeIfAbsent(nodeId, id -> new LinkedBlockingQueue<>());
  }

  private Duration timeout() {
    return Duration.ofSeconds(Math.max(1, timeoutSeconds));
  }

  /** Requests for one repository through its node; safe for several threads. */
  public final class Client {
    private final long nodeId;
    private final String nodeName;
    private final long repositoryId;

    private Client(long nodeId, String nodeName, long repositoryId) {
      this.nodeId = nodeId;
      this.nodeName = nodeName;
      this.repositoryId = repositoryId;
    }

    public String nodeName() {
      return nodeName;
    }

    /** Queues a request for the node; the answer (or its timeout) completes the future. */
    CompletableFuture<RelayAnswer> send(String op, String name, long position, int length) {
      String id = newId();
      Pending p =
          new Pending(
              new RelayRequest(id, nodeId, repositoryId, op, name, position, length),
              new CompletableFuture<>());
      pending.put(id, p);
      queue(nodeId).add(p);
      p.answer()
          .orTimeout(timeout().toMillis(), TimeUnit.MILLISECONDS)
          .whenComplete(
              (a, e) -> {
                pending.remove(id);
                queue(nodeId).remove(p);
              });
      return p.answer();
    }

    /** Sends a request and waits for its answer. */
    RelayAnswer call(String op, String name, long position, int length) throws IOException {
      return await(send(op, name, position, length), name);
    }

    /**
     * The answer of a request sent before.
     *
     * @throws IOException the node's own error (a {@link NoSuchFileException} for a missing name),
     *     or that the node did not answer in time
     */
    RelayAnswer await(CompletableFuture<RelayAnswer> answer, String name) throws IOException {
      RelayAnswer a;
      try {
        a = answer.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("Interrupted while node '" + nodeName + "' reads " + name);
      } catch (CancellationException e) {
        throw new IOException("The read of " + name + " through node '" + nodeName + "' was cut");
      } catch (ExecutionException e) {
        if (e.getCause() instanceof TimeoutException) {
          throw new IOException(
              "Node '"
                  + nodeName
                  + "' did not answer within "
                  + timeout().toSeconds()
                  + " s: is it online?");
        }
        throw new IOException("Node '" + nodeName + "' could not read " + name, e.getCause());
      }
      String error = a.error();
      if (error != null) {
        if (a.json().getBoolean("missing", false)) {
          throw new NoSuchFileException(name, null, "node '" + nodeName + "': " + error);
        }
        throw new IOException("Node '" + nodeName + "' could not read " + name + ": " + error);
      }
      return a;
    }
  }

  /** An id no node can guess. */
  private static String newId() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
