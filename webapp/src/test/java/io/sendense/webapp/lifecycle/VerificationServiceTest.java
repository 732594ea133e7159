package io.sendense.webapp.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.image.qcow2.ImageVerifier;
import io.sendense.image.store.ImageStore;
import io.sendense.persistence.backup.VerificationStatus;
import io.sendense.webapp.testing.RecordingEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A repository the hub cannot open is no verdict on its points: they keep the verdict they had, no
 * damage is announced, and the pass says why it skipped them.
 */
class VerificationServiceTest {
  private final List<String> verdicts = new ArrayList<>();
  private final List<PointDamaged> damage = new ArrayList<>();
  private final List<String> summaries = new ArrayList<>();
  private final List<NodeLifecycleWork.Verify> handed = new ArrayList<>();

  @Test
  void aRepositoryPlacedOnANodeIsHandedToItsNodeAndNoPointIsJudgedOnTheHub() {
    VerificationService service = service(onNode());

    String summary = service.verifyRepository(7);

    assertEquals(List.of(), verdicts, "no point is judged");
    assertEquals(List.of(), damage, "no damage is announced");
    assertEquals(List.of(new NodeLifecycleWork.Verify(3, 7, List.of(1L, 2L), true)), handed);
    assertEquals(
        "2 points handed to node 'site-a', which reaches the repository (the verdicts follow when"
            + " it has read them)",
        summary);
    assertEquals(List.of(summary), summaries, "the repository's last verification says so");
  }

  @Test
  void aPointOfARepositoryPlacedOnANodeIsVerifiedThere() {
    VerificationService service = service(onNode());

    VerificationService.Pass pass = service.verify(List.of(1L));

    assertEquals(List.of(), verdicts);
    assertEquals(1, pass.count("ON_NODE"));
    assertEquals(List.of(new NodeLifecycleWork.Verify(3, 7, List.of(1L), false)), handed);
  }

  @Test
  void theNodesFindingsAreJudgedLikeTheHubsAndAnImageItCouldNotReadJudgesNothing() {
    VerificationService service = service(onNode());
    java.util.Map<Long, ImageVerifier.Result> found =
        java.util.Map.of(
            10L,
            new ImageVerifier.Result("vm-5/1.qcow2", ImageVerifier.Status.OK, null, "aa"),
            20L,
            new ImageVerifier.Result(
                "vm-5/2.qcow2",
                ImageVerifier.Status.CORRUPT,
                "SHA-256 is bb; cc was recorded",
                "bb"));

    VerificationService.Pass pass = service.judge(7, "site-a", List.of(1L, 2L, 3L), found, true);

    assertEquals(List.of("1 VERIFIED", "2 CORRUPT"), verdicts);
    assertEquals(1, damage.size());
    assertEquals(VerificationStatus.CORRUPT, damage.get(0).status());
    assertEquals(1, pass.count("UNREAD"), "point 3's image was not read: no verdict");
    assertEquals(
        List.of(
            "1 verified, 1 corrupt, 0 missing, 0 skipped (busy); 1 not read by the node (their"
                + " verdicts stay as they were); read by node 'site-a'"),
        summaries);
  }

  private static RepositoryUnreachable onNode() {
    return new RepositoryUnreachable(
        "repository 'site-store' is reachable from node 'site-a' only", 3, "site-a");
  }

  @Test
  void aRepositoryThatCannotBeOpenedMarksNoPointMissing() {
    VerificationService service =
        service(new IllegalStateException("Repository 'nas' is disabled; enable it to use it"));

    VerificationService.Pass pass = service.verify(List.of(1L, 2L));

    assertEquals(List.of(), verdicts);
    assertEquals(List.of(), damage);
    assertEquals(2, pass.count("UNREACHABLE"));
    assertEquals(0, pass.count("MISSING"));
    assertTrue(
        pass.summary()
            .endsWith(
                "2 skipped: repository 7 cannot be opened: Repository 'nas' is disabled; enable it"
                    + " to use it (their verdicts stay as they were)"),
        pass.summary());
  }

  @Test
  void aPassWithoutUnreachableRepositoriesSaysWhatItAlwaysSaid() {
    VerificationService.Pass pass =
        new VerificationService.Pass(
            new java.util.HashMap<>(java.util.Map.of("VERIFIED", 3, "CORRUPT", 1)),
            new java.util.LinkedHashSet<>());
    assertEquals("3 verified, 1 corrupt, 0 missing, 0 skipped (busy)", pass.summary());
  }

  private VerificationService service(RuntimeException opening) {
    VerificationService service = new VerificationService();
    service.records = new Records();
    service.manifests =
        new ManifestService() {
          @Override
          public ImageStore open(long repositoryId) {
            throw opening;
          }

          @Override
          public void requireReachable(long repositoryId) {
            if (opening instanceof RepositoryUnreachable) {
              throw opening;
            }
          }
        };
    service.guard = new ChainGuard();
    service.guard.recovered();
    service.clock = Clock.fixed(Instant.parse("2026-12-07T08:00:00Z"), ZoneOffset.UTC);
    service.damaged = new RecordingEvent<>(damage);
    service.onNode = new RecordingEvent<>(handed);
    return service;
  }

  private class Records extends VerificationRecords {
    @Override
    public List<PointChains> chains(List<Long> backupIds) {
      return backupIds.stream()
          .map(
              id ->
                  new PointChains(
                      id, 5, 7, List.of(new Image(id * 10, "vm-5/" + id + ".qcow2", null, false))))
          .toList();
    }

    @Override
    public List<Long> pointsIn(long repositoryId) {
      return List.of(1L, 2L);
    }

    @Override
    public void verdict(long backupId, VerificationStatus status, String detail, Instant at) {
      verdicts.add(backupId + " " + status);
    }

    @Override
    public void repositoryVerified(long repositoryId, String summary, Instant at) {
      summaries.add(summary);
    }
  }
}
