/**
 * The only contract plugins see: extension points for hypervisor sources and repository storage
 * types, and the immutable value types they exchange with the hub.
 *
 * <p>Types shared by every extension point live here: {@link io.sendense.plugin.api.PluginContext}
 * (what a plugin receives), {@link io.sendense.plugin.api.ConfigForm} and {@link
 * io.sendense.plugin.api.ConfigField} (a configuration form described as data), {@link
 * io.sendense.plugin.api.Configuration} (the values entered), {@link
 * io.sendense.plugin.api.ConnectionTestResult} and {@link io.sendense.plugin.api.FailureKind}
 * (uniform "Test connection" outcomes). Elements marked {@link io.sendense.plugin.api.Unstable} may
 * change in a minor release; everything else is stable within a major version.
 */
package io.sendense.plugin.api;
