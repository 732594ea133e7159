package io.sendense.plugin.api;

import java.util.List;

/**
 * What every configurable extension point has in common, so the hub can list the available types
 * and render their forms without knowing the plugin.
 *
 * <p>An implementation is a stateless factory (the PF4J extension); everything that belongs to a
 * configured instance comes in through a {@link PluginContext} when the hub asks for it.
 */
public interface ConfigurableExtension {

  /**
   * Stable id of the type, unique among extensions of the same extension point, lower case with
   * dashes (for example {@code "local"}, {@code "nfs"}, {@code "vmware"}). It is stored with every
   * configured instance, so it must never change once released.
   */
  String typeId();

  /** Name shown to the administrator, for example "NFS share". */
  String displayName();

  /** One sentence shown under the name when the administrator picks a type. */
  default String description() {
    return "";
  }

  /** The configuration form; the same object on every call. */
  ConfigForm configForm();

  /**
   * Checks a configuration without contacting any external system. The default applies the form's
   * own checks; override to add rules across fields, calling {@code super}'s result first.
   *
   * @return the problems found, empty if the configuration is acceptable
   */
  default List<ConfigProblem> validate(Configuration configuration) {
    return configForm().validate(configuration);
  }
}
