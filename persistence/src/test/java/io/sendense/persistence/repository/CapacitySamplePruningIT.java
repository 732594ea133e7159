package io.sendense.persistence.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sendense.persistence.testing.Catalog;
import io.sendense.persistence.testing.Fixtures;
import io.sendense.persistence.testing.MariaDbExtension;
import io.sendense.persistence.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The capacity history thinned on MariaDB: before the cutoff each repository keeps the last sample
 * of each day, after it the last of each hour; a day the cutoff falls in loses nothing from its
 * hourly part. The samples lie near noon and mid-hour, so whole-hour time zones bucket them alike.
 */
@ExtendWith(MariaDbExtension.class)
class CapacitySamplePruningIT {
  private static final Instant CUTOFF = Instant.parse("2026-12-01T12:00:00Z");

  private Catalog catalog;
  private long a;
  private long b;

  @BeforeEach
  void setUp(TestDatabase db) {
    catalog = new Catalog(db.newSchema());
    a = repository("a");
    b = repository("b");
  }

  @AfterEach
  void tearDown() {
    catalog.close();
  }

  @Test
  void beforeTheCutoffTheLastOfEachDayStaysAfterItTheLastOfEachHour() {
    add(a, "2026-08-01T11:00:00Z", "2026-08-01T11:30:00Z", "2026-08-01T12:45:00Z");
    add(a, "2026-08-02T12:00:00Z");
    add(a, "2026-12-01T08:00:00Z", "2026-12-01T13:00:00Z", "2026-12-01T13:30:00Z");
    add(a, "2026-12-03T10:05:00Z", "2026-12-03T10:20:00Z", "2026-12-03T10:55:00Z");
    add(a, "2026-12-03T11:10:00Z");
    add(b, "2026-08-01T12:00:00Z", "2026-12-03T10:30:00Z", "2026-12-03T10:40:00Z");

    int deleted = catalog.inTx(em -> new RepositoryStore(em).pruneSamples(CUTOFF));

    assertEquals(6, deleted);
    assertEquals(
        List.of(
            "2026-08-01T12:45:00Z",
            "2026-08-02T12:00:00Z",
            "2026-12-01T08:00:00Z",
            "2026-12-01T13:30:00Z",
            "2026-12-03T10:55:00Z",
            "2026-12-03T11:10:00Z"),
        kept(a));
    assertEquals(List.of("2026-08-01T12:00:00Z", "2026-12-03T10:40:00Z"), kept(b));
    int again = catalog.inTx(em -> new RepositoryStore(em).pruneSamples(CUTOFF));
    assertEquals(0, again, "a second run finds nothing to thin");
  }

  private long repository(String name) {
    return catalog.inTx(
        em -> {
          Repository repository = Fixtures.repository(em, name, "local");
          em.flush();
          return repository.getId();
        });
  }

  private void add(long repository, String... times) {
    catalog.run(
        em -> {
          for (String time : times) {
            em.persist(new CapacitySample(repository, Instant.parse(time), 100, 40, 60));
          }
        });
  }

  private List<String> kept(long repository) {
    return catalog.inTx(
        em ->
            em.createQuery(
                    "SELECT s.sampledAt FROM CapacitySample s WHERE s.repositoryId = :r"
                        + " ORDER BY s.sampledAt",
                    Instant.class)
                .setParameter("r", repository)
                .getResultStream()
                .map(Instant::toString)
                .toList());
  }
}
