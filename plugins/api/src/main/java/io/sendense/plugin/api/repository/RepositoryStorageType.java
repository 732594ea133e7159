package io.sendense.plugin.api.repository;

import io.sendense.plugin.api.ConfigurableExtension;
import io.sendense.plugin.api.ConnectionTestResult;
import io.sendense.plugin.api.PluginContext;
import io.sendense.plugin.api.Unstable;
import org.pf4j.ExtensionPoint;

/**
 * Extension point for a kind of repository storage (local folder, NFS, CIFS, object store...).
 *
 * <p>An implementation is a stateless factory annotated with {@code @Extension}. The hub lists the
 * types, renders their {@link #configForm()}, checks entered values with {@link
 * #validate(io.sendense.plugin.api.Configuration)}, offers "Test connection" through {@link
 * #testConnection(PluginContext)}, and finally {@link #open(PluginContext) opens} each configured
 * repository once and keeps the {@link RepositoryStorage} until the repository is changed or the
 * hub stops. The context's configuration already has the form's defaults applied and passed {@code
 * validate}.
 *
 * <p>Implementing one takes: a form, a {@link RepositoryStorage}, a {@link StorageFile}, and a
 * mapping of the protocol's errors to {@link io.sendense.plugin.api.FailureKind}s. The contract
 * test suite in {@code sendense-plugin-testkit} checks an implementation against a real peer.
 */
public interface RepositoryStorageType extends ExtensionPoint, ConfigurableExtension {

  /**
   * Whether {@link RepositoryStorage#makeImmutable(StoragePath)} works on this storage, so that the
   * hub can offer immutable restore points.
   */
  @Unstable("Goes with RepositoryStorage#makeImmutable, which may still change")
  default boolean supportsImmutableFiles() {
    return false;
  }

  /**
   * Checks that the configured storage can be reached and used: connects, logs in, finds the share
   * or folder, and writes, syncs and deletes a small probe file. Never throws for a failure of the
   * storage; reports the most specific {@link io.sendense.plugin.api.FailureKind} instead ({@code
   * HOST_UNREACHABLE}, {@code SHARE_NOT_FOUND}, {@code ACCESS_DENIED}, {@code NOT_WRITABLE}, ...).
   */
  ConnectionTestResult testConnection(PluginContext context);

  /**
   * Opens the configured repository. The repository's root folder must exist; the hub calls {@link
   * #testConnection(PluginContext)} before a repository is first saved.
   *
   * @throws StorageException with the reason if the storage cannot be reached or used
   */
  RepositoryStorage open(PluginContext context) throws StorageException;
}
