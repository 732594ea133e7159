package io.sendense.plugin.testkit;

import io.sendense.plugin.api.ConfigurableExtension;
import io.sendense.plugin.api.Configuration;
import io.sendense.plugin.api.PluginContext;
import java.nio.file.Path;

/**
 * The {@link PluginContext} a test hands to an extension: the configuration under test with the
 * form's defaults applied (as the hub does), a JDK logger, and a scratch folder of the test's.
 *
 * @param pluginId id reported to the extension
 * @param configuration values with defaults applied
 * @param scratchDirectory an existing folder owned by the test
 */
public record TestPluginContext(String pluginId, Configuration configuration, Path scratchDirectory)
    implements PluginContext {

  /** A context for {@code extension} with {@code values} completed by the form's defaults. */
  public static TestPluginContext of(
      ConfigurableExtension extension, Configuration values, Path scratchDirectory) {
    return new TestPluginContext(
        "test-" + extension.typeId(),
        extension.configForm().withDefaults(values),
        scratchDirectory);
  }

  @Override
  public System.Logger logger() {
    return System.getLogger("sendense.plugin." + pluginId);
  }
}
