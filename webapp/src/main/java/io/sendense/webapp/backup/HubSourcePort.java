package io.sendense.webapp.backup;

import io.sendense.batch.host.CatalogIdSession;
import io.sendense.batch.port.SourcePort;
import io.sendense.persistence.source.SourceStore;
import io.sendense.persistence.source.Vm;
import io.sendense.plugin.api.source.SourceException;
import io.sendense.plugin.api.source.SourceProblem;
import io.sendense.plugin.api.source.SourceSession;
import io.sendense.webapp.source.SourceService;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Opens the plugin session of a VM's source for a backup job (dependent: see {@link
 * HubCatalogPort}).
 */
@Dependent
public class HubSourcePort implements SourcePort {
  @Inject SourceStore sources;
  @Inject SourceService sourceService;

  @Override
  @Transactional
  public SourceSession openFor(String vmId) throws SourceException {
    Vm vm =
        sources
            .vm(HubCatalogPort.parse(vmId, "VM"))
            .orElseThrow(
                () -> new SourceException(SourceProblem.NOT_FOUND, "No VM with id " + vmId));
    return new CatalogIdSession(sourceService.openSessionFor(vm), vmId, vm.getMoref());
  }
}
