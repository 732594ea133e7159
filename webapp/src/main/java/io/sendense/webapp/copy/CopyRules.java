package io.sendense.webapp.copy;

import io.sendense.persistence.backup.Backup;
import io.sendense.persistence.backup.BackupStatus;
import io.sendense.persistence.policy.CopyWhen;
import io.sendense.persistence.repository.Repository;
import io.sendense.webapp.common.Refusal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/** The rules of copies, free of the container: what can be copied where, and when a rule is due. */
public final class CopyRules {
  private CopyRules() {}

  /** Refuses (409) a point that cannot be copied into {@code target}, saying why. */
  public static void checkCopyable(Backup source, Repository target) {
    if (source.getStatus() != BackupStatus.COMPLETE) {
      throw new Refusal(
          409,
          "Point " + source.getId() + " is " + source.getStatus() + "; only complete points copy");
    }
    if (source.getRepository().getId().equals(target.getId())) {
      throw new Refusal(
          409,
          "Point "
              + source.getId()
              + " is in '"
              + target.getName()
              + "' already; pick another"
              + " repository");
    }
    if (source.getRepository().getEncryptionPassphrase() != null
        || target.getEncryptionPassphrase() != null) {
      // A byte copy keeps the source's encryption (the target's passphrase would not open it),
      // and a flattened one would store an encrypted point's data in the clear or re-encrypt it.
      throw new Refusal(
          409,
          "Copies from or to an encrypted repository are not supported yet ('"
              + (target.getEncryptionPassphrase() != null
                  ? target.getName()
                  : source.getRepository().getName())
              + "' encrypts its points)");
    }
    if (!target.isEnabled()) {
      throw new Refusal(409, "Repository '" + target.getName() + "' is disabled; enable it first");
    }
  }

  /**
   * Whether a rule copies a VM's new point taken at {@code pointAt}, given when it last queued a
   * copy of that VM: every point; or the first point of each day, or ISO week, in {@code zone}.
   */
  public static boolean due(CopyWhen when, Instant lastQueued, Instant pointAt, ZoneId zone) {
    if (when == CopyWhen.EVERY_POINT || lastQueued == null) {
      return true;
    }
    LocalDate last = lastQueued.atZone(zone).toLocalDate();
    LocalDate now = pointAt.atZone(zone).toLocalDate();
    return switch (when) {
      case DAILY -> now.isAfter(last);
      case WEEKLY ->
          now.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
              .isAfter(last.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
      default -> true;
    };
  }
}
