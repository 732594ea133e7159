package io.sendense.batch.restore.port;

import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceSession;

/** Opens a logged-in session to the source a VM is restored into; the job closes it. */
public interface RestoreSourcePort {
  SourceSession open(long sourceId) throws SourceException;
}
