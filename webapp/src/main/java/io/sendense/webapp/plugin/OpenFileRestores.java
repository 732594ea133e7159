package io.sendense.webapp.plugin;

import java.util.Set;

/**
 * The restore points that open file-restore sessions read through their repository's plugin, so
 * that {@link PluginUsage} keeps the plugin loaded under them. The restore feature implements it;
 * it lives here so that restore depends on plugins and not the other way round.
 */
public interface OpenFileRestores {
  /** The ids of the backups that open sessions read. */
  Set<Long> openBackups();
}
