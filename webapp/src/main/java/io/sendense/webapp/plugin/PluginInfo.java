package io.sendense.webapp.plugin;

import java.util.List;

/** What the hub knows of one plugin file: shown on Settings > Plugins and by the API. */
public record PluginInfo(
    String id,
    String version,
    String provider,
    String description,
    String state,
    String file,
    List<String> extensions,
    String error) {}
