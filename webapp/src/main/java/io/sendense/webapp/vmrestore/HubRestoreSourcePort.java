package io.sendense.webapp.vmrestore;

import io.sendense.batch.restore.port.RestoreSourcePort;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceSession;
import io.sendense.webapp.source.SourceService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Opens the plugin session of the source a VM is restored into. */
@ApplicationScoped
public class HubRestoreSourcePort implements RestoreSourcePort {
  @Inject SourceService sources;

  @Override
  public SourceSession open(long sourceId) throws SourceException {
    return sources.openSession(sourceId);
  }
}
