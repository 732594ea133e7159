package io.sendense.webapp.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Folders and switches the hub reads from MicroProfile Config: system properties (set by the
 * launcher from sendense.properties), environment variables such as SENDENSE_DATA_DIR, or the
 * server's own configuration on any other Jakarta EE server.
 */
@ApplicationScoped
public class HubSettings {
  @Inject
  @ConfigProperty(name = "sendense.data.dir", defaultValue = "data")
  String dataDir;

  // MicroProfile Config treats an empty default as "no value", hence Optional.
  @Inject
  @ConfigProperty(name = "sendense.plugins.dir")
  Optional<String> pluginsDir;

  @Inject
  @ConfigProperty(name = "sendense.secrets.dir")
  Optional<String> secretsDir;

  @Inject
  @ConfigProperty(name = "sendense.repository.local.dir")
  Optional<String> localRepositoryDir;

  @Inject
  @ConfigProperty(name = "sendense.jobs.max", defaultValue = "6")
  int jobsMax;

  @Inject
  @ConfigProperty(name = "sendense.jobs.per-repository", defaultValue = "4")
  int jobsPerRepository;

  @Inject
  @ConfigProperty(name = "sendense.jobs.per-source", defaultValue = "4")
  int jobsPerSource;

  @Inject
  @ConfigProperty(name = "sendense.jobs.disks-in-parallel", defaultValue = "4")
  int disksInParallel;

  @Inject
  @ConfigProperty(name = "sendense.jobs.block-mib", defaultValue = "1")
  int blockMib;

  @Inject
  @ConfigProperty(name = "sendense.jobs.checkpoint-mib", defaultValue = "16")
  int checkpointMib;

  @Inject
  @ConfigProperty(name = "sendense.jobs.resume-after-crash", defaultValue = "true")
  boolean resumeAfterCrash;

  @Inject
  @ConfigProperty(name = "sendense.nodes.port", defaultValue = "0")
  int nodesPort;

  @Inject
  @ConfigProperty(name = "sendense.nodes.address", defaultValue = "0.0.0.0")
  String nodesAddress;

  @Inject
  @ConfigProperty(name = "sendense.nodes.public-url")
  Optional<String> nodesPublicUrl;

  @Inject
  @ConfigProperty(name = "sendense.nodes.offline-after-seconds", defaultValue = "60")
  int nodesOfflineAfterSeconds;

  @Inject
  @ConfigProperty(name = "sendense.nodes.job-grace-seconds", defaultValue = "300")
  int nodesJobGraceSeconds;

  @Inject
  @ConfigProperty(name = "sendense.nodes.jobs-per-node", defaultValue = "4")
  int jobsPerNode;

  @Inject
  @ConfigProperty(name = "sendense.nodes.listener-threads", defaultValue = "256")
  int nodesListenerThreads;

  /** Port of the node listener (mutual TLS); 0 keeps it off. */
  public int nodesPort() {
    return nodesPort;
  }

  public String nodesAddress() {
    return nodesAddress;
  }

  /** The URL nodes dial, as the Nodes page shows it in the run-node command. */
  public String nodesPublicUrl(String requestHost) {
    return nodesPublicUrl
        .filter(u -> !u.isBlank())
        .orElse("https://" + requestHost + ":" + nodesPort);
  }

  /** A node without contact for this long is OFFLINE. */
  public java.time.Duration nodesOfflineAfter() {
    return java.time.Duration.ofSeconds(Math.max(5, nodesOfflineAfterSeconds));
  }

  /** A node's running job without a report for this long fails. */
  public java.time.Duration nodesJobGrace() {
    return java.time.Duration.ofSeconds(Math.max(5, nodesJobGraceSeconds));
  }

  /**
   * Threads of the node listener. Each node holds two long polls (work, relay reads) and makes
   * short calls beside them (telemetry, reports, relay answers): about three threads per node.
   */
  public int nodesListenerThreads() {
    return Math.max(8, nodesListenerThreads);
  }

  /** Backup jobs one node runs at once. */
  public int jobsPerNode() {
    return Math.max(1, jobsPerNode);
  }

  /**
   * Whether jobs that were running when the hub process ended (crash, kill, power loss) are resumed
   * once by themselves when the hub starts again.
   */
  public boolean resumeAfterCrash() {
    return resumeAfterCrash;
  }

  /** Bytes a backup job reads per item (one HTTP range request of at most this size). */
  public int blockBytes() {
    return Math.max(1, Math.min(64, blockMib)) << 20;
  }

  /** Items per chunk: a checkpoint every {@code sendense.jobs.checkpoint-mib} per disk. */
  public int chunkItems() {
    return Math.max(1, Math.max(1, checkpointMib) / Math.max(1, Math.min(64, blockMib)));
  }

  /** How many backup jobs run at once in the hub ({@code sendense.jobs.max}). */
  public int jobsMax() {
    return jobsMax;
  }

  /** How many backup jobs write to one repository at once. */
  public int jobsPerRepository() {
    return jobsPerRepository;
  }

  /** How many backup jobs read from one source at once. */
  public int jobsPerSource() {
    return jobsPerSource;
  }

  /** Disks of one VM transferred at once. */
  public int disksInParallel() {
    return Math.max(1, disksInParallel);
  }

  /** Folder of the local repository the hub registers on its first start. */
  public Path localRepositoryDir() {
    return localRepositoryDir
        .filter(d -> !d.isBlank())
        .map(Path::of)
        .orElse(dataDir().resolve("repository"));
  }

  public Path dataDir() {
    return Path.of(dataDir).toAbsolutePath();
  }

  public Path pluginsDir() {
    return pluginsDir.filter(d -> !d.isBlank()).map(Path::of).orElse(dataDir().resolve("plugins"));
  }

  /** Owner-only folder for the catalog key and the first admin password. */
  public Path secretsDir() {
    return secretsDir.filter(d -> !d.isBlank()).map(Path::of).orElse(dataDir().resolve("secrets"));
  }
}
