package io.sendense.plugin.api.source;

import io.sendense.plugin.api.ConfigurableExtension;
import io.sendense.plugin.api.PluginContext;
import org.pf4j.ExtensionPoint;

/**
 * Extension point for a kind of hypervisor source (for example "vmware" for vCenter or ESXi).
 *
 * <p>An implementation is a stateless factory annotated with {@code @Extension}. The hub lists the
 * types, renders their form, offers "Test connection" through {@link #testConnection} and opens one
 * {@link SourceSession} per configured source when it needs one; several sources of the same type
 * are open at once and must not share state. The context's configuration already has the form's
 * defaults applied and passed {@code validate}.
 */
public interface HypervisorSourceType extends ExtensionPoint, ConfigurableExtension {

  /**
   * Connects, checks the server certificate, logs in and checks the privileges a backup needs.
   * Never throws for a failure of the source: the result names the exact {@link SourceProblem}
   * (unreachable, certificate mismatch, wrong credentials, missing privileges) and, when the
   * certificate was read, its SHA-256 thumbprint for the administrator to confirm.
   */
  SourceConnectionTest testConnection(PluginContext context);

  /**
   * Opens a logged-in session to the configured source.
   *
   * @throws SourceException with the {@link SourceProblem} if the source cannot be used
   */
  SourceSession open(PluginContext context) throws SourceException;
}
