package io.sendense.persistence.repository;

/**
 * What the last capacity check of a repository found ({@code repositories.status}; the names are
 * the column values): not checked yet, reachable, or failed with {@code status_message} saying why.
 */
public enum RepositoryStatus {
  UNKNOWN,
  OK,
  ERROR
}
