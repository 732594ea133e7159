package io.sendense.webapp.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.image.store.ImageStore;
import io.sendense.persistence.backup.VerificationStatus;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * A repository the hub cannot open is no verdict on its points: they keep the verdict they had, no
 * damage is announced, and the pass says why it skipped them.
 */
class VerificationServiceTest {
  private final List<String> verdicts = new ArrayList<>();
  private final List<PointDamaged> damage = new ArrayList<>();
  private final List<String> summaries = new ArrayList<>();

  @Test
  void aRepositoryPlacedOnANodeIsSkippedAndItsPointsKeepTheirVerdict() {
    VerificationService service =
        service(
            new RepositoryUnreachable(
                "repository 'site-store' is reachable from node 'site-a' only", 3, "site-a"));

    String summary = service.verifyRepository(7);

    assertEquals(List.of(), verdicts, "no point is judged");
    assertEquals(List.of(), damage, "no damage is announced");
    assertEquals(
        "0 verified, 0 corrupt, 0 missing, 0 skipped (busy); 2 skipped: repository 'site-store'"
            + " is reachable from node 'site-a' only (their verdicts stay as they were)",
        summary);
    assertEquals(List.of(summary), summaries, "the repository's last verification says why");
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
        };
    service.guard = new ChainGuard();
    service.guard.recovered();
    service.clock = Clock.fixed(Instant.parse("2026-12-07T08:00:00Z"), ZoneOffset.UTC);
    service.damaged = new Damage();
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

  private class Damage implements Event<PointDamaged> {
    @Override
    public void fire(PointDamaged event) {
      damage.add(event);
    }

    @Override
    public <U extends PointDamaged> CompletionStage<U> fireAsync(U event) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <U extends PointDamaged> CompletionStage<U> fireAsync(
        U event, NotificationOptions options) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Event<PointDamaged> select(Annotation... qualifiers) {
      return this;
    }

    @Override
    public <U extends PointDamaged> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <U extends PointDamaged> Event<U> select(
        TypeLiteral<U> subtype, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }
  }
}
