package io.sendense.webapp.plugin;

import io.sendense.plugin.api.Configuration;
import io.sendense.plugin.api.PluginContext;
import java.nio.file.Path;

/** The narrow view of the hub a plugin gets for one configured extension. */
record HubPluginContext(
    String pluginId, Configuration configuration, System.Logger logger, Path scratchDirectory)
    implements PluginContext {}
