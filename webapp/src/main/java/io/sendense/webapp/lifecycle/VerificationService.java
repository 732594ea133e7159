package io.sendense.webapp.lifecycle;

import io.sendense.batch.lifecycle.ImageChecks;
import io.sendense.image.qcow2.ImageFacts;
import io.sendense.image.qcow2.ImageVerifier;
import io.sendense.image.store.ImageStore;
import io.sendense.persistence.backup.VerificationStatus;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.security.RequiresRole;
import io.sendense.webapp.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Re-reads restore points: every image of every disk's chain is checked against what was recorded
 * when it was written ({@link ImageVerifier}: present, same size and QCOW2 facts, sound structure,
 * same SHA-256). A point whose chain holds a damaged image is CORRUPT, one with a missing image
 * MISSING, and the points built on it with it; neither is used as a parent again, so the VM's next
 * backup is a full. Runs on the lifecycle worker while holding the VM's chains, so no merge changes
 * them meanwhile. Within one pass each image is read once, however many points share it.
 */
@ApplicationScoped
public class VerificationService {
  private static final Logger LOG = Logger.getLogger(VerificationService.class.getName());

  @Inject VerificationRecords records;
  @Inject ManifestService manifests;
  @Inject LifecycleWorker worker;
  @Inject ChainGuard guard;
  @Inject Clock clock;
  @Inject Event<PointDamaged> damaged;
  @Inject PointHasher hasher;
  @Inject Event<NodeLifecycleWork.Verify> onNode;

  /** Queues verification of one point; its verification changes when it is done. */
  @RequiresRole(value = Roles.OPERATOR, action = "verify restore points")
  public void request(long backupId) {
    if (records.chains(List.of(backupId)).isEmpty()) {
      throw new Refusal(409, "Backup " + backupId + " is not a COMPLETE restore point");
    }
    worker.submit("verify:" + backupId, () -> verify(List.of(backupId)));
  }

  /** Queues verification of every COMPLETE point of a repository. */
  public void requestRepository(long repositoryId) {
    worker.submit("verify-repository:" + repositoryId, () -> verifyRepository(repositoryId));
  }

  /** Whether a verification of the repository is queued or running. */
  public boolean pending(long repositoryId) {
    return worker.pending("verify-repository:" + repositoryId);
  }

  /** Verifies every COMPLETE point of a repository now; returns a one-line summary. */
  public String verifyRepository(long repositoryId) {
    try {
      manifests.requireReachable(repositoryId);
    } catch (RepositoryUnreachable e) {
      List<Long> points = records.pointsIn(repositoryId);
      onNode.fire(new NodeLifecycleWork.Verify(e.nodeId(), repositoryId, points, true));
      String summary =
          points.size()
              + " points handed to node '"
              + e.nodeName()
              + "', which reaches the repository (the verdicts follow when it has read them)";
      records.repositoryVerified(repositoryId, summary, clock.instant());
      LOG.info(() -> "Verification of repository " + repositoryId + ": " + summary);
      return summary;
    }
    Pass pass = verify(records.pointsIn(repositoryId));
    String summary = pass.summary();
    records.repositoryVerified(repositoryId, summary, clock.instant());
    LOG.info(() -> "Verification of repository " + repositoryId + ": " + summary);
    return summary;
  }

  /**
   * What one pass found: how many points ended in each state (SKIPPED: held by other work;
   * UNREACHABLE: the repository could not be opened, the points keep their verdict) and why
   * repositories could not be opened.
   */
  public record Pass(Map<String, Integer> counts, Set<String> unreachable) {
    public int count(String state) {
      return counts.getOrDefault(state, 0);
    }

    /** One line for the repository's last verification. */
    public String summary() {
      String line =
          count("VERIFIED")
              + " verified, "
              + count("CORRUPT")
              + " corrupt, "
              + count("MISSING")
              + " missing, "
              + count("SKIPPED")
              + " skipped (busy)";
      if (count("ON_NODE") > 0) {
        line += "; " + count("ON_NODE") + " handed to the node that reaches their repository";
      }
      if (count("UNREAD") > 0) {
        line += "; " + count("UNREAD") + " not read by the node (their verdicts stay as they were)";
      }
      if (count("UNREACHABLE") > 0) {
        line +=
            "; "
                + count("UNREACHABLE")
                + " skipped: "
                + String.join("; ", unreachable)
                + " (their verdicts stay as they were)";
      }
      return line;
    }
  }

  /**
   * Verifies points now, on this thread; returns how many ended in each state. Points of a
   * repository placed on a node are handed to that node (ON_NODE).
   */
  public Pass verify(List<Long> backupIds) {
    Pass pass = new Pass(new HashMap<>(), new LinkedHashSet<>());
    Map<Long, ImageVerifier.Result> seen = new HashMap<>();
    Map<Long, ImageStore> stores = new HashMap<>();
    Map<Long, String> unopened = new HashMap<>();
    Map<Long, RepositoryUnreachable> nodes = new HashMap<>();
    Map<Long, List<Long>> handed = new LinkedHashMap<>();
    try {
      for (VerificationRecords.PointChains point : records.chains(backupIds)) {
        long repositoryId = point.repositoryId();
        String state = verifyHeld(point, seen, stores, unopened, nodes);
        if (nodes.containsKey(repositoryId)) {
          state = "ON_NODE";
          handed.computeIfAbsent(repositoryId, k -> new ArrayList<>()).add(point.backupId());
        } else if (unopened.containsKey(repositoryId)) {
          pass.unreachable().add(unopened.get(repositoryId));
        }
        pass.counts().merge(state, 1, Integer::sum);
      }
      handed.forEach(
          (repositoryId, points) ->
              onNode.fire(
                  new NodeLifecycleWork.Verify(
                      nodes.get(repositoryId).nodeId(), repositoryId, points, false)));
    } finally {
      for (ImageStore store : stores.values()) {
        try {
          store.close();
        } catch (IOException e) {
          LOG.log(Level.WARNING, "Closing a repository after verification failed", e);
        }
      }
    }
    return pass;
  }

  private String verifyHeld(
      VerificationRecords.PointChains point,
      Map<Long, ImageVerifier.Result> seen,
      Map<Long, ImageStore> stores,
      Map<Long, String> unopened,
      Map<Long, RepositoryUnreachable> nodes) {
    ImageStore root = open(point.repositoryId(), stores, unopened, nodes);
    if (root == null) {
      return "UNREACHABLE";
    }
    Optional<String> held =
        guard.tryHold(
            point.vmId(), point.repositoryId(), "a verification reads them", Optional::empty);
    if (held.isPresent()) {
      return "SKIPPED";
    }
    try {
      return verifyPoint(point, seen, root).name();
    } finally {
      guard.release(point.vmId(), point.repositoryId());
    }
  }

  /**
   * The repository's store, opened once per pass; null when it cannot be opened (placed on a node,
   * disabled, its server down), with the reason kept: that is no verdict on its points' images.
   */
  private ImageStore open(
      long repositoryId,
      Map<Long, ImageStore> stores,
      Map<Long, String> unopened,
      Map<Long, RepositoryUnreachable> nodes) {
    if (unopened.containsKey(repositoryId)) {
      return null;
    }
    ImageStore root = stores.get(repositoryId);
    if (root != null) {
      return root;
    }
    try {
      root = manifests.open(repositoryId);
      stores.put(repositoryId, root);
      return root;
    } catch (RepositoryUnreachable e) {
      unopened.put(repositoryId, e.reason());
      nodes.put(repositoryId, e);
    } catch (RuntimeException e) {
      unopened.put(
          repositoryId, "repository " + repositoryId + " cannot be opened: " + e.getMessage());
    }
    LOG.info(
        () -> "Verification skips repository " + repositoryId + ": " + unopened.get(repositoryId));
    return null;
  }

  private VerificationStatus verifyPoint(
      VerificationRecords.PointChains point,
      Map<Long, ImageVerifier.Result> seen,
      ImageStore root) {
    Instant at = clock.instant();
    ImageVerifier.Result corrupt = null;
    ImageVerifier.Result missing = null;
    for (VerificationRecords.Image image : point.images()) {
      ImageVerifier.Result r = seen.get(image.diskId());
      if (r == null) {
        r = check(root, image);
        seen.put(image.diskId(), r);
      }
      if (r.status() == ImageVerifier.Status.CORRUPT && corrupt == null) {
        corrupt = r;
      } else if (r.status() == ImageVerifier.Status.MISSING && missing == null) {
        missing = r;
      }
    }
    VerificationStatus status =
        corrupt != null
            ? VerificationStatus.CORRUPT
            : missing != null ? VerificationStatus.MISSING : VerificationStatus.VERIFIED;
    ImageVerifier.Result first = corrupt != null ? corrupt : missing;
    records.verdict(point.backupId(), status, first == null ? null : first.detail(), at);
    if (first != null) {
      damaged.fire(
          new PointDamaged(
              point.backupId(), point.vmId(), point.repositoryId(), status, first.detail()));
    }
    return status;
  }

  /**
   * Judges points by what their repository's node found reading their images, as {@link #verify}
   * judges what the hub reads: the same verdicts, the same damage events. An image the node could
   * not read (or that the point's chains gained since) leaves its points as they were (SKIPPED).
   * For a pass over the whole repository, its summary says which node read it.
   *
   * @param found per image row, what the node found
   */
  public Pass judge(
      long repositoryId,
      String nodeName,
      List<Long> backupIds,
      Map<Long, ImageVerifier.Result> found,
      boolean wholeRepository) {
    Pass pass = new Pass(new HashMap<>(), new LinkedHashSet<>());
    Map<Long, ImageVerifier.Result> seen = new HashMap<>(found);
    for (VerificationRecords.PointChains point : records.chains(backupIds)) {
      String state = "UNREAD";
      boolean read =
          point.repositoryId() == repositoryId
              && point.images().stream().allMatch(i -> seen.containsKey(i.diskId()));
      if (read
          && guard
              .tryHold(point.vmId(), repositoryId, "a verification reads them", Optional::empty)
              .isPresent()) {
        state = "SKIPPED";
      } else if (read) {
        try {
          state = verifyPoint(point, seen, null).name();
        } finally {
          guard.release(point.vmId(), repositoryId);
        }
      }
      pass.counts().merge(state, 1, Integer::sum);
    }
    String summary = pass.summary() + "; read by node '" + nodeName + "'";
    if (wholeRepository) {
      records.repositoryVerified(repositoryId, summary, clock.instant());
    }
    LOG.info(() -> "Verification of repository " + repositoryId + ": " + summary);
    return pass;
  }

  /**
   * The facts of an image whose hash was pending, with the hash the hasher recorded (waiting for
   * it, or hashing it now): a pending image is compared with its recorded hash like any other,
   * never counted verified or corrupt for being pending. If it cannot be hashed, the recorded facts
   * without a hash (the check then finds what is wrong with the file).
   */
  private ImageFacts hashed(VerificationRecords.Image image) {
    try {
      hasher.ensureHashed(image.diskId());
      return records.expected(image.diskId());
    } catch (IOException e) {
      LOG.log(Level.WARNING, "The pending hash of " + image.file() + " could not be recorded", e);
      return image.expected();
    }
  }

  private ImageVerifier.Result check(ImageStore root, VerificationRecords.Image image) {
    String file = image.file();
    ImageFacts expected = image.expected();
    if (image.hashPending()) {
      expected = hashed(image);
    }
    ImageVerifier.Result r = ImageChecks.verify(root, file, expected);
    if (r.status() == ImageVerifier.Status.OK && (expected == null || expected.sha256() == null)) {
      try {
        records.firstFacts(image.diskId(), ImageFacts.read(root, file));
      } catch (IOException e) {
        LOG.log(Level.WARNING, "The facts of " + file + " were not recorded", e);
      }
    }
    return r;
  }
}
