package io.sendense.persistence.common;

import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

/**
 * What most catalog rows share: a database-generated id and an optimistic-lock version, so two
 * admins changing the same record cannot silently overwrite each other.
 */
@MappedSuperclass
public abstract class CatalogEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Version private long version;

  public Long getId() {
    return id;
  }

  public long getVersion() {
    return version;
  }
}
