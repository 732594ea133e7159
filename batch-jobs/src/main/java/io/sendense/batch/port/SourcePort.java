package io.sendense.batch.port;

import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceSession;

/**
 * Opens a session to the hypervisor source that holds a VM. The host knows which source (and which
 * plugin) a VM belongs to; the job only knows the VM id.
 */
public interface SourcePort {

  /** A logged-in session to the VM's source; the caller closes it. */
  SourceSession openFor(String vmId) throws SourceException;
}
