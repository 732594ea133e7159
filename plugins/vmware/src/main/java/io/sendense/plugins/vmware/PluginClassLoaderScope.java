package io.sendense.plugins.vmware;

import java.util.concurrent.Callable;

/**
 * Runs code with the plugin's class loader as the thread's context class loader.
 *
 * <p>dom4j (bundled for yavijava) creates its singletons (DocumentFactory, QNameCache) through the
 * context class loader. Inside the hub that is the host's loader; if the host has a dom4j of its
 * own, the plugin would get the host's copies and fail with a ClassCastException. Every place where
 * yavijava builds or parses XML for the first time runs inside this scope.
 */
final class PluginClassLoaderScope {

  private PluginClassLoaderScope() {}

  static <T> T call(Callable<T> action) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(PluginClassLoaderScope.class.getClassLoader());
    try {
      return action.call();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
