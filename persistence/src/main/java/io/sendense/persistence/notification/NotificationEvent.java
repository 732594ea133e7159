package io.sendense.persistence.notification;

/** What a notification rule listens for. */
public enum NotificationEvent {
  /** A flow run (or a manual backup, for global rules) ended FAILED. */
  FAILURE,
  /** A flow run ended PARTIAL: some VMs backed up, some not. */
  WARNING,
  /** A flow run ended SUCCESS. */
  SUCCESS,
  /** A scheduled run was missed while the hub was down and not made up. */
  MISSED_SCHEDULE,
  /** A repository's used space reached the rule's threshold percentage. */
  REPOSITORY_CAPACITY,
  /** Verification found a restore point CORRUPT or MISSING. */
  VERIFICATION_CORRUPT,
  /** Once a day: the last 24 hours of runs, failures and repository space. */
  DAILY_SUMMARY,
  /** "Send test" from the settings page or the API (never a rule's event). */
  TEST;

  /** Whether the event concerns one flow, so that per-flow rules apply to it. */
  public boolean perFlow() {
    return this == FAILURE || this == WARNING || this == SUCCESS || this == MISSED_SCHEDULE;
  }
}
