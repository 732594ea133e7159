package io.sendense.batch.restore.port;

/** The phases of a VM restore, in order, as progress reports them. */
public enum RestorePhase {
  PREPARE,
  CREATE,
  UPLOAD,
  FINISH,
  COMPLETE,
  CLEANUP,
  FAILED
}
