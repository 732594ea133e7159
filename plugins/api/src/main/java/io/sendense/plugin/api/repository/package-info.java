/**
 * Extension point for repository storage types: {@link
 * io.sendense.plugin.api.repository.RepositoryStorageType} (the factory a plugin provides), {@link
 * io.sendense.plugin.api.repository.RepositoryStorage} (an opened repository) and {@link
 * io.sendense.plugin.api.repository.StorageFile} (a file with positional reads and writes).
 */
package io.sendense.plugin.api.repository;
