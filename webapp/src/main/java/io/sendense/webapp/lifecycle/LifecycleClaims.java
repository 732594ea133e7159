package io.sendense.webapp.lifecycle;

import io.sendense.persistence.lifecycle.LifecycleStore;
import io.sendense.persistence.repository.Repository;
import io.sendense.persistence.repository.RepositoryStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The claims that let exactly one hub run each periodic lifecycle task (each call commits at once,
 * like the flow scheduler's): the daily sweep, and each repository's scheduled verification.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class LifecycleClaims {
  static final String SWEEP = "retention-sweep";

  @Inject LifecycleStore store;
  @Inject RepositoryStore repositories;

  /** Whether this hub won the sweep due at or before {@code now}; moves it to {@code next}. */
  public boolean claimSweep(Instant now, Instant next, String hub) {
    Instant due = store.nextRun(SWEEP, next);
    return !due.isAfter(now) && store.claim(SWEEP, due, next, hub);
  }

  /**
   * The repositories whose scheduled verification this hub won now. A repository never planned is
   * planned one interval from now; an interval of 0 days means never.
   */
  public List<Long> claimVerifications(Instant now) {
    List<Long> won = new ArrayList<>();
    for (Repository r : repositories.all()) {
      int days = r.getVerifyIntervalDays();
      if (days <= 0 || !r.isEnabled()) {
        continue;
      }
      Instant next = now.plus(Duration.ofDays(days));
      if (r.getNextVerifyAt() == null) {
        store.claimVerification(r.getId(), null, next);
      } else if (!r.getNextVerifyAt().isAfter(now)
          && store.claimVerification(r.getId(), r.getNextVerifyAt(), next)) {
        won.add(r.getId());
      }
    }
    return won;
  }
}
