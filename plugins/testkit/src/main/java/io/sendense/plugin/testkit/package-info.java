/**
 * Test kit for plugin authors: the repository storage contract suite ({@link
 * io.sendense.plugin.testkit.RepositoryStorageContract}), a plain {@link
 * io.sendense.plugin.testkit.TestPluginContext}, and {@link
 * io.sendense.plugin.testkit.PluginJarCheck}, which loads a built plugin jar with a real PF4J
 * plugin manager.
 */
package io.sendense.plugin.testkit;
