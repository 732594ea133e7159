package io.sendense.plugins.vmware;

import io.sendense.plugin.api.Configuration;
import io.sendense.plugin.api.PluginContext;
import java.nio.file.Path;

/** A {@link PluginContext} for tests: a configuration and nothing else of a hub. */
record TestContext(Configuration configuration) implements PluginContext {

  @Override
  public String pluginId() {
    return "vmware";
  }

  @Override
  public System.Logger logger() {
    return System.getLogger("test.vmware");
  }

  @Override
  public Path scratchDirectory() {
    return Path.of(System.getProperty("java.io.tmpdir"));
  }
}
