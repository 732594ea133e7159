package io.sendense.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The same WAR runs on Payara and on WildFly (WildFlyIT), so its code uses Jakarta EE and
 * MicroProfile APIs only: no class of the hub, its batch jobs or its catalog refers to an
 * application server's own API (comments aside). Server-specific settings live in descriptors each
 * server reads and the others ignore (payara-web.xml, jboss-deployment-structure.xml,
 * undertow-handlers.conf).
 */
class ServerNeutralityTest {
  private static final List<Path> SOURCES =
      List.of(
          Path.of("src/main/java"),
          Path.of("../batch-jobs/src/main/java"),
          Path.of("../persistence/src/main/java"));
  private static final Pattern SERVER_API =
      Pattern.compile(
          "\\b(fish\\.payara|com\\.sun\\.enterprise|org\\.glassfish|com\\.ibm\\.jbatch"
              + "|org\\.jboss|org\\.wildfly|io\\.undertow|org\\.jberet)\\.[\\w.]+");
  private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

  @Test
  void noClassInTheWarUsesAnApplicationServersOwnApi() throws IOException {
    Map<String, List<String>> found = new TreeMap<>();
    int scanned = 0;
    for (Path root : SOURCES) {
      assertTrue(Files.isDirectory(root), root.toAbsolutePath().toString());
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          scanned++;
          List<String> apis = serverApi(read(file));
          if (!apis.isEmpty()) {
            found.put(file.toString(), apis);
          }
        }
      }
    }
    assertTrue(scanned > 300, "the scan found the sources: " + scanned);
    assertEquals(Map.of(), found);
  }

  @Test
  void anImportOfAServerApiIsFoundAndACommentIsNot() {
    String code =
        "// fish.payara.micro.PayaraMicro\n"
            + "/** Unlike {@code org.jboss.logging.Logger}. */\n"
            + "import jakarta.ejb.Singleton;\n"
            + "import fish.payara.cluster.Clustered;\n"
            + "class X { org.glassfish.api.Foo foo; }";
    assertEquals(
        List.of("fish.payara.cluster.Clustered", "org.glassfish.api.Foo"), serverApi(code));
  }

  static List<String> serverApi(String source) {
    Matcher m = SERVER_API.matcher(COMMENT.matcher(source).replaceAll(""));
    List<String> found = new java.util.ArrayList<>();
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
