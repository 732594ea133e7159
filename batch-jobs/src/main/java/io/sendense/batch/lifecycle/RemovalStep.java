package io.sendense.batch.lifecycle;

import io.sendense.image.qcow2.ImageFacts;
import java.util.List;
import java.util.Map;

/**
 * One disk image of a restore point leaving its chains, as the file steps need it: a journal row of
 * the hub ({@code chain_merges}) with the state it has reached.
 *
 * @param id the journal row
 * @param childBackupId the point built on the image (merged into it), null for a drop
 * @param childFile that point's image file, null for a drop
 * @param repointFiles the images built on the child's, re-pointed to the surviving file
 * @param expected what the catalog recorded of the images this step reads ({@link #doomedFile},
 *     {@link #childFile}), by file; an image without recorded facts is missing
 */
public record RemovalStep(
    long id,
    long backupId,
    Kind kind,
    State state,
    String doomedFile,
    String childFile,
    Long childBackupId,
    List<String> repointFiles,
    Map<String, ImageFacts> expected) {

  /** A drop deletes an image no point is built on; a commit merges the next point into it. */
  public enum Kind {
    COMMIT,
    DROP
  }

  /** The journal states the file steps pass, named as the hub's journal names them. */
  public enum State {
    PLANNED,
    WRITING,
    WRITTEN,
    REPOINTED,
    SWITCHED
  }

  public RemovalStep {
    repointFiles = List.copyOf(repointFiles);
    expected = expected == null ? Map.of() : Map.copyOf(expected);
  }
}
