package io.sendense.node;

import java.nio.file.Path;
import java.util.Map;

/**
 * How the node is started: {@code --hub URL} (env {@code SENDENSE_NODE_HUB}), {@code --token T}
 * ({@code SENDENSE_NODE_TOKEN}, needed only for the first start), {@code --data DIR} ({@code
 * SENDENSE_NODE_DATA}, default {@code node-data}), {@code --plugins DIR} ({@code
 * SENDENSE_NODE_PLUGINS}, default {@code <data>/plugins}), {@code --name N} ({@code
 * SENDENSE_NODE_NAME}, default the host name).
 */
record NodeOptions(String hub, String token, Path data, Path plugins, String name) {

  static NodeOptions parse(String[] args, Map<String, String> env) {
    String hub = env.get("SENDENSE_NODE_HUB");
    String token = env.get("SENDENSE_NODE_TOKEN");
    String data = env.getOrDefault("SENDENSE_NODE_DATA", "node-data");
    String plugins = env.get("SENDENSE_NODE_PLUGINS");
    String name = env.get("SENDENSE_NODE_NAME");
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--hub" -> hub = value;
        case "--token" -> token = value;
        case "--data" -> data = value;
        case "--plugins" -> plugins = value;
        case "--name" -> name = value;
        default ->
            throw new IllegalArgumentException(
                "Unknown option " + args[i] + "; use --hub, --token, --data, --plugins, --name");
      }
      if (value == null) {
        throw new IllegalArgumentException("Option " + args[i] + " needs a value");
      }
      i++;
    }
    Path dataDir = Path.of(data).toAbsolutePath();
    return new NodeOptions(
        hub,
        token,
        dataDir,
        plugins == null ? dataDir.resolve("plugins") : Path.of(plugins).toAbsolutePath(),
        name == null || name.isBlank() ? hostName() : name);
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "node";
    }
  }

  /** Never the token. */
  @Override
  public String toString() {
    return "hub " + hub + ", data " + data + ", plugins " + plugins + ", name " + name;
  }
}
