package io.sendense.webapp.backup;

import io.sendense.batch.port.RepositoryPort;
import io.sendense.webapp.repository.RepositoryService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;

/** The folder a backup job writes into, from the repository's configuration. */
@ApplicationScoped
public class HubRepositoryPort implements RepositoryPort {
  @Inject RepositoryService repositories;

  @Override
  public Path localFolder(String repositoryId) {
    return repositories.localFolder(HubCatalogPort.parse(repositoryId, "repository"));
  }
}
