package io.sendense.plugin.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A private NFS server for a test class (repo-nfs tests, system tests of the hub): rpcbind and
 * nfs-ganesha (VFS backend) started as child processes with all state in a temporary folder,
 * exporting {@code /export} (read-write, no root squash, with a folder only root may enter) and
 * {@code /readonly}. It must run in the private network namespace that failsafe's JVM wrapper
 * creates, because the NFS client needs the portmapper on port 111.
 */
public final class GaneshaServer implements BeforeAllCallback, AfterAllCallback, PeerControl {

  /** A folder in {@code /export} that only root may enter. */
  public static final String PRIVATE_FOLDER = "root-only";

  private Path dir;
  private PeerProcess rpcbind;
  private PeerProcess ganesha;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    requirePrivateNetworkNamespace();
    dir = Files.createTempDirectory("sendense-ganesha-");
    for (String sub : List.of("export", "readonly", "recovery")) {
      Files.createDirectories(dir.resolve(sub));
    }
    Files.createDirectory(
        dir.resolve("export").resolve(PRIVATE_FOLDER),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.writeString(dir.resolve("ganesha.conf"), configuration());
    rpcbind =
        PeerProcess.start(
            "rpcbind",
            List.of(PeerProcess.program("rpcbind"), "-f", "-w"),
            dir.resolve("rpcbind.log"));
    rpcbind.awaitPort(111, Duration.ofSeconds(20));
    start();
  }

  private static void requirePrivateNetworkNamespace() {
    if (!"1".equals(System.getenv("SENDENSE_PRIVATE_NETNS"))) {
      throw new IllegalStateException(
          "NFS tests must run in a private network namespace (ports 111 and 2049): run them as"
              + " root with 'mvn verify', whose failsafe JVM wrapper"
              + " (deploy/test-support/repos/netns-jdk/bin/java) creates one");
    }
  }

  private String configuration() throws IOException {
    String template =
        new String(
            GaneshaServer.class.getResourceAsStream("ganesha.conf.template").readAllBytes(),
            StandardCharsets.UTF_8);
    return template.replace("@DIR@", dir.toString());
  }

  @Override
  public void start() throws Exception {
    ganesha =
        PeerProcess.start(
            "ganesha.nfsd",
            List.of(
                PeerProcess.program("ganesha.nfsd"),
                "-F",
                "-L",
                dir.resolve("ganesha.log").toString(),
                "-f",
                dir.resolve("ganesha.conf").toString(),
                "-p",
                dir.resolve("ganesha.pid").toString()),
            dir.resolve("ganesha.out"));
    ganesha.awaitPort(2049, Duration.ofSeconds(60));
    ganesha.awaitPort(20048, Duration.ofSeconds(60));
  }

  @Override
  public void stop() throws Exception {
    ganesha.kill();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      if (ganesha != null) {
        ganesha.kill();
      }
      if (rpcbind != null) {
        rpcbind.kill();
      }
    } finally {
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (root == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** The folder exported as {@code /export}. */
  public Path exportFolder() {
    return dir.resolve("export");
  }
}
