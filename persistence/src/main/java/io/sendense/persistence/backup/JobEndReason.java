package io.sendense.persistence.backup;

/**
 * Why a backup job ended, as the hub decides on it (the user-facing message says the same in
 * words). The restart policy and the resume after a crash read this, never the message.
 */
public enum JobEndReason {
  /** The batch runtime reported the end (completed, failed, stopped or abandoned). */
  RUNTIME,
  /** The hub process stopped (crashed or was killed) while the job ran. */
  HUB_STOPPED,
  /** The batch runtime refused to start the job. */
  NOT_STARTED,
  /** Cancelled while queued. */
  CANCELLED,
  /** The node that ran the job stopped reporting on it for longer than the grace. */
  NODE_LOST
}
