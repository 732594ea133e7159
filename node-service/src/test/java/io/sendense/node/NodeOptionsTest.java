package io.sendense.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeOptionsTest {
  @Test
  void optionsOverrideTheEnvironmentAndPluginsDefaultToTheDataFolder() {
    NodeOptions o =
        NodeOptions.parse(
            new String[] {"--hub", "https://hub:8444", "--data", "/srv/node"},
            Map.of(
                "SENDENSE_NODE_HUB", "https://other:1",
                "SENDENSE_NODE_TOKEN", "secret.pin",
                "SENDENSE_NODE_NAME", "site-a"));
    assertEquals("https://hub:8444", o.hub());
    assertEquals("secret.pin", o.token());
    assertEquals(Path.of("/srv/node"), o.data());
    assertEquals(Path.of("/srv/node/plugins"), o.plugins());
    assertEquals("site-a", o.name());
    assertFalse(o.toString().contains("secret"), "the token is never printed: " + o);
  }

  @Test
  void aMissingValueOrUnknownOptionSaysWhatToFix() {
    var missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> NodeOptions.parse(new String[] {"--token"}, Map.of()));
    assertTrue(missing.getMessage().contains("--token needs a value"), missing.getMessage());
    var unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> NodeOptions.parse(new String[] {"--hubb", "x"}, Map.of()));
    assertTrue(unknown.getMessage().contains("Unknown option --hubb"), unknown.getMessage());
  }
}
