-- Capacity of each repository as read at every refresh (by hand, and hourly by the hub): the
-- history the Reports page fits its "full in N days" forecast to (docs/operations.md).
CREATE TABLE repository_capacity_samples (
  id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  repository_id BIGINT       NOT NULL,
  sampled_at    TIMESTAMP(3) NOT NULL,
  total_bytes   BIGINT       NOT NULL,
  used_bytes    BIGINT       NOT NULL,
  free_bytes    BIGINT       NOT NULL,
  CONSTRAINT fk_capacity_samples_repository FOREIGN KEY (repository_id) REFERENCES repositories (id) ON DELETE CASCADE,
  INDEX ix_capacity_samples_repository (repository_id, sampled_at)
) ENGINE=InnoDB;
