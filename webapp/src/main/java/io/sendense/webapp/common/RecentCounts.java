package io.sendense.webapp.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Totals of long lists, kept a few seconds: counting 500,000 restore points or jobs reads as many
 * index entries (50-300 ms on MariaDB), and the Jobs console, the API's {@code X-Total-Count} and
 * every page turn would pay it again. A count of {@link #LARGE} or more is reused for {@link #KEPT}
 * per query; smaller counts are cheap and always exact, so a list of a few thousand items (and
 * every list the tests build) shows its true total at once.
 */
@ApplicationScoped
public class RecentCounts {
  /** Counts from this size on are kept. */
  public static final long LARGE = 10_000;

  /** How long a large count is reused. */
  public static final Duration KEPT = Duration.ofSeconds(10);

  private ExpiringCache<Object, Long> kept;

  /** For CDI. */
  protected RecentCounts() {}

  @Inject
  public RecentCounts(Clock clock) {
    this.kept = new ExpiringCache<>(KEPT, 1_000, clock);
  }

  /**
   * The total for {@code query} (a value with equals, such as a store's filter record together with
   * the list's name): a large one counted less than {@link #KEPT} ago, else {@code counter}'s.
   */
  public long total(Object query, LongSupplier counter) {
    return kept.get(query)
        .orElseGet(
            () -> {
              long total = counter.getAsLong();
              if (total >= LARGE) {
                kept.put(query, total);
              }
              return total;
            });
  }
}
