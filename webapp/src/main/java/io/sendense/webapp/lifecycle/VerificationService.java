package io.sendense.webapp.lifecycle;

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
import java.util.HashMap;
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

  /** Verifies points now, on this thread; returns how many ended in each state. */
  public Pass verify(List<Long> backupIds) {
    Pass pass = new Pass(new HashMap<>(), new LinkedHashSet<>());
    Map<Long, ImageVerifier.Result> seen = new HashMap<>();
    Map<Long, ImageStore> stores = new HashMap<>();
    Map<Long, String> unopened = new HashMap<>();
    try {
      for (VerificationRecords.PointChains point : records.chains(backupIds)) {
        String state = verifyHeld(point, seen, stores, unopened);
        pass.counts().merge(state, 1, Integer::sum);
        if (unopened.containsKey(point.repositoryId())) {
          pass.unreachable().add(unopened.get(point.repositoryId()));
        }
      }
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
      Map<Long, String> unopened) {
    ImageStore root = open(point.repositoryId(), stores, unopened);
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
      long repositoryId, Map<Long, ImageStore> stores, Map<Long, String> unopened) {
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
    try {
      ImageVerifier.Result r = ImageVerifier.verify(root, file, expected);
      if (r.status() == ImageVerifier.Status.OK
          && (expected == null || expected.sha256() == null)) {
        records.firstFacts(image.diskId(), ImageFacts.read(root, file));
      }
      return r;
    } catch (IOException e) {
      return new ImageVerifier.Result(
          root.location(file),
          ImageVerifier.Status.CORRUPT,
          image.file() + ": " + e.getMessage(),
          null);
    }
  }
}
