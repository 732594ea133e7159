package io.sendense.node;

import io.sendense.batch.lifecycle.RemovalJournal;
import io.sendense.batch.lifecycle.RemovalStep;
import io.sendense.batch.wire.PortJson;
import io.sendense.image.qcow2.ImageFacts;
import io.sendense.image.qcow2.ImageVerifier;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The hub's journal of a removal this node runs, reached over the node's connection ({@code POST
 * /node/v1/lifecycle/{taskId}/journal}): each transition returns only once the hub recorded it (a
 * refusal, such as a step the hub moved on meanwhile, stops the run). The facts the images are
 * checked against came with the task.
 */
final class RelayedJournal implements RemovalJournal {
  private static final Logger LOG = Logger.getLogger(RelayedJournal.class.getName());

  private final HubCalls hub;
  private final long taskId;

  RelayedJournal(HubCalls hub, long taskId) {
    this.hub = hub;
    this.taskId = taskId;
  }

  @Override
  public Optional<ImageFacts> expected(RemovalStep step, String file) {
    return Optional.ofNullable(step.expected().get(file));
  }

  @Override
  public void advance(long stepId, RemovalStep.State state) {
    send(op(stepId, "advance").add("state", state.name()));
  }

  @Override
  public void moved(long stepId, long bytes, long millis) {
    send(op(stepId, "moved").add("bytes", bytes).add("millis", millis));
  }

  @Override
  public void switchCatalog(long stepId) {
    send(op(stepId, "switch"));
  }

  @Override
  public void facts(RemovalStep step, String file, ImageFacts facts) {
    send(op(step.id(), "facts").add("file", file).add("facts", PortJson.facts(facts)));
  }

  @Override
  public void failed(long stepId, String error) {
    try {
      send(op(stepId, "failed").add("detail", error == null ? "" : error));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "The hub did not record the failure of removal step " + stepId, e);
    }
  }

  @Override
  public void rollBack(long stepId, String why) {
    send(op(stepId, "rollBack").add("detail", why));
  }

  @Override
  public void damaged(RemovalStep step, long owner, ImageVerifier.Result result) {
    send(
        op(step.id(), "damaged")
            .add("owner", owner)
            .add("file", result.file())
            .add("status", result.status().name())
            .add("detail", result.detail() == null ? "" : result.detail()));
  }

  private static JsonObjectBuilder op(long stepId, String op) {
    return Json.createObjectBuilder().add("step", stepId).add("op", op);
  }

  private void send(JsonObjectBuilder body) {
    hub.call("node/v1/lifecycle/" + taskId + "/journal", body.build());
  }
}
