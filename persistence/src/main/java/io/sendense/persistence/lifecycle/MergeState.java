package io.sendense.persistence.lifecycle;

/**
 * The steps of a merge, in order. Each is committed to the journal before the next begins; a hub
 * that starts with a journal row not yet {@link #ended()} rolls it back from {@link #PLANNED}
 * (nothing was written yet) and forward from every later state. A step that fails leaves the state
 * where it was, with the error in the row's detail; the next sweep or start rolls it forward.
 */
public enum MergeState {
  /** Recorded; nothing touched on storage. */
  PLANNED,
  /** Clusters are being written into the surviving file. */
  WRITING,
  /** The surviving file holds the child's state (data, metadata and header are durable). */
  WRITTEN,
  /** The child's children name the surviving file as their backing file. */
  REPOINTED,
  /** The catalog names the surviving file for the child's point; the old rows are gone. */
  SWITCHED,
  /** The old file is deleted and the new hashes and manifests are recorded. */
  DONE,
  /** Undone before anything was written; the point is COMPLETE again. */
  ROLLED_BACK;

  public boolean ended() {
    return this == DONE || this == ROLLED_BACK;
  }
}
