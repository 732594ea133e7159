package io.sendense.webapp.backup;

import io.sendense.batch.port.RepositoryPort;
import io.sendense.image.store.ImageStore;
import io.sendense.webapp.repository.RepositoryService;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * A backup job's repository, opened through its storage type (local folder or plugin). Dependent
 * and transactional itself, like {@link HubCatalogPort}: a job thread enters the shared {@code
 * RepositoryService} only nested in this port's own interceptor.
 */
@Dependent
public class HubRepositoryPort implements RepositoryPort {
  @Inject RepositoryService repositories;

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public ImageStore open(String repositoryId) {
    return repositories.openStore(HubCatalogPort.parse(repositoryId, "repository"));
  }

  /** A repository placed on a node is read through that node (the source of a copy out of it). */
  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public ImageStore openForReading(String repositoryId) {
    return repositories.openForReading(HubCatalogPort.parse(repositoryId, "repository"));
  }
}
