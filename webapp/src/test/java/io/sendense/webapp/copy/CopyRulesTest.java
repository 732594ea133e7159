package io.sendense.webapp.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.BackupStatus;
import io.sendense.persistence.policy.CopyWhen;
import io.sendense.persistence.repository.Repository;
import io.sendense.webapp.common.Refusal;
import java.lang.reflect.Field;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CopyRulesTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void everyPointIsAlwaysDue() {
    Instant t = Instant.parse("2026-12-05T10:00:00Z");
    assertTrue(CopyRules.due(CopyWhen.EVERY_POINT, t, t, BERLIN));
    assertTrue(CopyRules.due(CopyWhen.DAILY, null, t, BERLIN), "never copied: due");
  }

  @Test
  void dailyCopiesTheFirstPointOfEachDayOfTheZone() {
    Instant last = Instant.parse("2026-12-05T22:30:00Z"); // 23:30 in Berlin, Dec 5
    assertFalse(CopyRules.due(CopyWhen.DAILY, last, Instant.parse("2026-12-05T22:50:00Z"), BERLIN));
    assertTrue(
        CopyRules.due(CopyWhen.DAILY, last, Instant.parse("2026-12-05T23:10:00Z"), BERLIN),
        "00:10 in Berlin is the next day");
  }

  @Test
  void weeklyCopiesTheFirstPointOfEachIsoWeek() {
    Instant sunday = Instant.parse("2026-12-06T12:00:00Z");
    assertFalse(
        CopyRules.due(CopyWhen.WEEKLY, Instant.parse("2026-11-30T08:00:00Z"), sunday, BERLIN),
        "Monday and Sunday of one ISO week");
    assertTrue(
        CopyRules.due(CopyWhen.WEEKLY, sunday, Instant.parse("2026-12-07T08:00:00Z"), BERLIN));
    assertTrue(
        CopyRules.due(
            CopyWhen.WEEKLY,
            Instant.parse("2026-12-29T08:00:00Z"),
            Instant.parse("2027-01-05T08:00:00Z"),
            BERLIN),
        "across the new year");
  }

  @Test
  void onlyCompletePointsCopyAndNeverIntoTheirOwnRepository() throws Exception {
    Repository a = repository(1L, "a", true);
    Repository b = repository(2L, "b", true);
    Backup point = new Backup();
    point.setRepository(a);
    point.setStatus(BackupStatus.COMPLETE);
    CopyRules.checkCopyable(point, b);
    Refusal same = assertThrows(Refusal.class, () -> CopyRules.checkCopyable(point, a));
    assertEquals(409, same.status());
    assertTrue(same.getMessage().contains("in 'a' already"), same.getMessage());
    assertThrows(Refusal.class, () -> CopyRules.checkCopyable(point, repository(3L, "c", false)));
    Repository sealed = repository(4L, "sealed", true);
    sealed.setEncryptionPassphrase("sealed-passphrase");
    Refusal encrypted = assertThrows(Refusal.class, () -> CopyRules.checkCopyable(point, sealed));
    assertTrue(encrypted.getMessage().contains("'sealed' encrypts"), encrypted.getMessage());
    point.setStatus(BackupStatus.FAILED);
    assertThrows(Refusal.class, () -> CopyRules.checkCopyable(point, b));
  }

  private static Repository repository(long id, String name, boolean enabled) throws Exception {
    Repository r = new Repository();
    r.setName(name);
    r.setEnabled(enabled);
    Field f = io.sendense.persistence.common.CatalogEntity.class.getDeclaredField("id");
    f.setAccessible(true);
    f.set(r, id);
    return r;
  }
}
