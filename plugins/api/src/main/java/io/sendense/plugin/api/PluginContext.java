package io.sendense.plugin.api;

import java.nio.file.Path;

/**
 * The narrow view of the hub that an extension receives when the hub asks it to do something.
 *
 * <p>It carries only what a plugin needs: the configuration the administrator entered for this
 * instance (a repository, a vCenter, ...), a logger, and a private scratch folder. Plugins never
 * reach host internals (CDI, JPA, Faces); anything more a plugin needs is added here explicitly.
 *
 * <p>The hub creates one context per configured instance. Implementations are immutable and
 * thread-safe.
 */
public interface PluginContext {

  /** Id of the plugin the extension belongs to (the {@code Plugin-Id} of its manifest). */
  String pluginId();

  /**
   * The values the administrator entered for this instance, with the form's defaults already
   * applied. Secret fields are present in clear text: never log them.
   */
  Configuration configuration();

  /**
   * Logger to use for everything the plugin reports; the hub routes it to its own log with the
   * plugin id attached. Never pass secret values to it.
   */
  System.Logger logger();

  /**
   * A folder that belongs to this plugin instance alone, for temporary files. It exists when the
   * context is handed out; the hub may empty it whenever the instance is not in use.
   */
  Path scratchDirectory();
}
