package io.sendense.webapp.node;

import io.sendense.batch.lifecycle.LifecycleTask;
import io.sendense.batch.lifecycle.RemovalStep;
import io.sendense.image.qcow2.ImageFacts;
import io.sendense.persistence.node.Node;
import io.sendense.persistence.node.NodeState;
import io.sendense.persistence.node.NodeStore;
import io.sendense.persistence.node.Placement;
import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.repository.RepositoryStore;
import io.sendense.webapp.config.HubSettings;
import io.sendense.webapp.lifecycle.HashRecords;
import io.sendense.webapp.lifecycle.MergeJournal;
import io.sendense.webapp.lifecycle.NodeLifecycleWork;
import io.sendense.webapp.lifecycle.VerificationRecords;
import io.sendense.webapp.repository.RepositoryService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog side of {@link NodeLifecycle}: a task's images and its repository's configuration,
 * read when the task is handed out (so the node reads what the catalog says now), and the node a
 * repository is placed on now.
 */
@ApplicationScoped
@Transactional
public class NodeLifecycleRecords {
  @Inject RepositoryStore repositories;
  @Inject RepositoryService repositoryConfigs;
  @Inject HashRecords hashes;
  @Inject VerificationRecords verification;
  @Inject NodeStore nodes;
  @Inject HubSettings settings;
  @Inject MergeJournal journal;

  /** The node the repository is placed on now, or null. */
  public Long nodeOf(long repositoryId) {
    Node node = Placement.ofLifecycle(repositories.byId(repositoryId).orElse(null));
    return node == null ? null : node.getId();
  }

  /** The journal rows of a point's removal not yet ended, in order. */
  public List<MergeJournal.Step> openSteps(long backupId) {
    return journal.unfinished().stream().filter(s -> s.backupId() == backupId).toList();
  }

  /**
   * The repositories placed on the node, with their configuration (secrets included, as in work
   * items): the node reports their free space with its health.
   */
  public List<jakarta.json.JsonObject> placedOn(long nodeId) {
    List<jakarta.json.JsonObject> placed = new ArrayList<>();
    for (Repository r : repositories.all()) {
      Node node = Placement.ofLifecycle(r);
      if (node != null && node.getId() == nodeId && r.isEnabled()) {
        placed.add(
            jakarta.json.Json.createObjectBuilder()
                .add("id", r.getId())
                .add(
                    "repository",
                    io.sendense.batch.wire.WorkItem.extension(repositoryConfigs.forNode(r)))
                .build());
      }
    }
    return placed;
  }

  /** The node's name, for summaries. */
  public String nodeName(long nodeId) {
    return nodes.byId(nodeId).map(Node::getName).orElse("node " + nodeId);
  }

  /**
   * How many lifecycle tasks the node may take now: what its job limit leaves after the jobs it
   * runs or takes in this poll and the tasks it has; none while it drains or is revoked.
   */
  public int slots(long nodeId, int jobs, int tasks) {
    Node node = nodes.byId(nodeId).orElse(null);
    if (node == null) {
      return 0;
    }
    return NodeSlots.restoreSlots(
        NodeSlots.limit(node.getJobLimit(), settings.jobsPerNode()),
        !node.isDraining() && node.getStatus() == NodeState.ACTIVE,
        jobs,
        tasks);
  }

  /**
   * The open journal rows of a removal with the facts recorded now of the images they read (the
   * node checks them against those before the first write).
   */
  private List<RemovalStep> steps(NodeLifecycleWork.Remove r) {
    List<RemovalStep> steps = new ArrayList<>();
    for (MergeJournal.Step s : journal.unfinished()) {
      if (s.backupId() != r.backupId() || s.repositoryId() != r.repositoryId()) {
        continue;
      }
      Map<String, ImageFacts> expected = new HashMap<>();
      for (String file : java.util.Arrays.asList(s.doomedFile(), s.childFile())) {
        if (file != null) {
          journal.expected(s.repositoryId(), file).ifPresent(f -> expected.put(file, f));
        }
      }
      steps.add(s.files(expected));
    }
    return steps;
  }

  /**
   * A task for the node, or empty when the repository is no longer placed on it or nothing of it is
   * left to do (the images were hashed meanwhile, the points are gone).
   */
  public Optional<LifecycleTask> task(NodeLifecycle.Pending p) {
    Repository repository = repositories.byId(p.repositoryId()).orElse(null);
    Node node = Placement.ofLifecycle(repository);
    if (node == null || node.getId() != p.nodeId()) {
      return Optional.empty();
    }
    if (p.kind().equals(LifecycleTask.REMOVE) || p.kind().equals(LifecycleTask.MANIFESTS)) {
      List<RemovalStep> steps = p.removal() == null ? List.of() : steps(p.removal());
      if (steps.isEmpty() && p.files().isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          new LifecycleTask(
              p.id(),
              p.kind(),
              p.repositoryId(),
              repositoryConfigs.forNode(repository),
              List.of(),
              steps,
              p.files()));
    }
    List<LifecycleTask.Image> images = new ArrayList<>();
    if (p.kind().equals(LifecycleTask.HASH)) {
      for (long diskId : p.diskIds()) {
        hashes
            .pending(diskId)
            .filter(t -> t.repositoryId() == p.repositoryId())
            .ifPresent(
                t -> images.add(new LifecycleTask.Image(t.diskId(), t.file(), t.size(), null)));
      }
    } else {
      Map<Long, LifecycleTask.Image> unique = new LinkedHashMap<>();
      for (VerificationRecords.PointChains point : verification.chains(p.backupIds())) {
        if (point.repositoryId() != p.repositoryId()) {
          continue;
        }
        for (VerificationRecords.Image i : point.images()) {
          unique.putIfAbsent(
              i.diskId(), new LifecycleTask.Image(i.diskId(), i.file(), null, i.expected()));
        }
      }
      images.addAll(unique.values());
    }
    if (images.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new LifecycleTask(
            p.id(), p.kind(), p.repositoryId(), repositoryConfigs.forNode(repository), images));
  }
}
