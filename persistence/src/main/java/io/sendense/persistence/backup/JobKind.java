package io.sendense.persistence.backup;

/** What a queued job does: back a VM up, or copy a restore point into another repository. */
public enum JobKind {
  BACKUP,
  COPY
}
