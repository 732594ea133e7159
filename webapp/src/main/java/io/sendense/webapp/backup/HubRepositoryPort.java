package io.sendense.webapp.backup;

import io.sendense.batch.port.RepositoryPort;
import io.sendense.image.store.ImageStore;
import io.sendense.webapp.repository.RepositoryService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A backup job's repository, opened through its storage type (local folder or plugin). */
@ApplicationScoped
public class HubRepositoryPort implements RepositoryPort {
  @Inject RepositoryService repositories;

  @Override
  public ImageStore open(String repositoryId) {
    return repositories.openStore(HubCatalogPort.parse(repositoryId, "repository"));
  }
}
