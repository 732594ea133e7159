package io.sendense.webapp.node;

import io.sendense.persistence.backup.BackupJob;
import io.sendense.persistence.backup.BackupJobStatus;
import io.sendense.persistence.backup.BackupJobStore;
import io.sendense.persistence.node.Node;
import io.sendense.persistence.node.NodeState;
import io.sendense.persistence.node.NodeStore;
import io.sendense.persistence.node.PairingToken;
import io.sendense.persistence.node.Placement;
import io.sendense.persistence.source.SourceStore;
import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.config.HubSettings;
import io.sendense.webapp.security.RequiresRole;
import io.sendense.webapp.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Pairing, listing and managing nodes. Admins create one-time pairing tokens (valid one hour), and
 * rename, drain or revoke nodes; any role lists them. Pairing itself is called by the node listener
 * for a caller that holds a token and no login.
 */
@ApplicationScoped
@Transactional
public class NodeService {
  static final Duration TOKEN_VALID = Duration.ofHours(1);
  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject NodeStore nodes;
  @Inject BackupJobStore jobs;
  @Inject SourceStore sources;
  @Inject io.sendense.webapp.source.SourceService sourceService;
  @Inject NodeAuthority authority;
  @Inject HubSettings settings;
  @Inject Clock clock;
  @Inject NodeWatch watch;
  @Inject Event<NodesChanged> changed;

  /** What a node gets at pairing: its id and certificate. */
  public record Paired(long nodeId, String name, byte[] certificate, byte[] caCertificate) {}

  @RequiresRole(value = Roles.ADMIN, action = "create node pairing tokens")
  public PairingTokenDto createToken(String admin, String requestHost) {
    if (settings.nodesPort() <= 0) {
      throw new Refusal(
          409,
          "The node listener is off; set sendense.nodes.port and restart the hub to pair nodes");
    }
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String part = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Instant now = clock.instant();
    nodes.saveToken(new PairingToken(sha256(part), admin, now, now.plus(TOKEN_VALID)));
    String token = part + "." + authority.listenerPin();
    String hub = settings.nodesPublicUrl(requestHost);
    return new PairingTokenDto(
        token, now.plus(TOKEN_VALID), hub, "deploy/run-node.sh --hub " + hub + " --token " + token);
  }

  /**
   * Spends a token on a new node and issues its certificate.
   *
   * @throws Refusal 401 if the token is unknown, already used or expired
   */
  public Paired pair(String token, String name, byte[] publicKey, String address, String version) {
    String secret = token == null ? "" : token.split("\\.", 2)[0];
    PairingToken found =
        nodes.tokenForUpdate(sha256(secret)).orElseThrow(() -> refused("is not known"));
    Instant now = clock.instant();
    if (found.getUsedAt() != null) {
      throw refused("was used already");
    }
    if (!now.isBefore(found.getExpiresAt())) {
      throw refused("expired at " + found.getExpiresAt());
    }
    String chosen =
        name == null || name.isBlank()
            ? "node-" + Long.toHexString(now.toEpochMilli())
            : name.strip();
    if (chosen.length() > 128) {
      throw new Refusal(400, "A node name has at most 128 characters");
    }
    if (nodes.byName(chosen).isPresent()) {
      throw new Refusal(
          409, "A node named '" + chosen + "' is paired already; choose another name");
    }
    X509Certificate certificate = authority.ca().issue(publicKey, chosen);
    Node node = new Node();
    node.setName(chosen);
    node.setAddress(address);
    node.setVersionString(version);
    node.setCertSerial(NodeCa.serial(certificate));
    node.setCertSha256(NodeCa.sha256(certificate));
    node.setPairedAt(now);
    nodes.save(node);
    found.use(node, now);
    changed.fire(new NodesChanged());
    try {
      return new Paired(
          node.getId(),
          chosen,
          certificate.getEncoded(),
          authority.ca().caCertificate().getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Refusal refused(String why) {
    return new Refusal(401, "The pairing token " + why + "; create a new one on the Nodes page");
  }

  /** The id of the active node that holds the certificate with {@code serial}, if any. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Optional<Long> activeNode(String serial) {
    return nodes.bySerial(serial).filter(n -> n.getStatus() == NodeState.ACTIVE).map(Node::getId);
  }

  /** Notes a node's contact and its health report. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void contact(long nodeId, String address, String version, NodeHealth health) {
    nodes.contact(nodeId, clock.instant(), address, version, health == null ? null : health.json());
    watch.called(nodeId);
  }

  @RequiresRole(value = Roles.VIEWER, action = "list nodes")
  public List<NodeDto> list() {
    return nodes.all().stream().map(this::dto).toList();
  }

  /** The nodes a source or a flow can be placed on: those {@link #placeable} accepts. */
  @RequiresRole(value = Roles.VIEWER, action = "list nodes")
  public List<NodeDto> placeableNodes() {
    return nodes.all().stream()
        .filter(n -> Placement.unusable(n).isEmpty())
        .map(this::dto)
        .toList();
  }

  @RequiresRole(value = Roles.VIEWER, action = "see nodes")
  public NodeDto get(long id) {
    return dto(find(id));
  }

  @RequiresRole(value = Roles.ADMIN, action = "rename nodes")
  public NodeDto rename(long id, String name) {
    Node node = find(id);
    String chosen = name == null ? "" : name.strip();
    if (chosen.isEmpty() || chosen.length() > 128) {
      throw new Refusal(400, "A node name has 1 to 128 characters");
    }
    nodes
        .byName(chosen)
        .filter(other -> !other.getId().equals(node.getId()))
        .ifPresent(
            other -> {
              throw new Refusal(409, "Another node is named '" + chosen + "'");
            });
    node.setName(chosen);
    return changed(node);
  }

  /** A draining node takes no new jobs; those it runs finish. */
  @RequiresRole(value = Roles.ADMIN, action = "drain nodes")
  public NodeDto drain(long id, boolean draining) {
    Node node = find(id);
    node.setDraining(draining);
    return changed(node);
  }

  /**
   * Sets how many jobs the node runs at once ({@code null}: the hub's {@code
   * sendense.nodes.jobs-per-node}). Jobs over the limit stay queued; lowering it stops none.
   */
  @RequiresRole(value = Roles.ADMIN, action = "set node job limits")
  public NodeDto limitJobs(long id, Integer limit) {
    Node node = find(id);
    if (limit != null && (limit < 1 || limit > NodeSlots.MAX_LIMIT)) {
      throw new Refusal(
          400,
          "A node's job limit is 1 to "
              + NodeSlots.MAX_LIMIT
              + ", or null for the hub's default ("
              + settings.jobsPerNode()
              + "); got "
              + limit);
    }
    node.setJobLimit(limit);
    return changed(node);
  }

  /** Refuses the node's certificate from its next TLS handshake on. */
  @RequiresRole(value = Roles.ADMIN, action = "revoke nodes")
  public NodeDto revoke(long id) {
    Node node = find(id);
    if (node.getStatus() != NodeState.REVOKED) {
      node.setStatus(NodeState.REVOKED);
      node.setRevokedAt(clock.instant());
    }
    return changed(node);
  }

  /** Runs the source's backups on node {@code nodeId}, or on the hub when it is null. */
  @RequiresRole(value = Roles.ADMIN, action = "place sources on nodes")
  public io.sendense.webapp.source.SourceDto place(long sourceId, Long nodeId) {
    var source =
        sources.byId(sourceId).orElseThrow(() -> new Refusal(404, "No source with id " + sourceId));
    source.setNode(placeable(nodeId));
    changed.fire(new NodesChanged());
    return sourceService.get(sourceId);
  }

  /**
   * The node a source, repository or flow may be placed on: null for none, else an existing node
   * that is not revoked (404, 409 otherwise).
   */
  public Node placeable(Long nodeId) {
    Node node = nodeId == null ? null : find(nodeId);
    Placement.unusable(node)
        .ifPresent(
            why -> {
              throw new Refusal(409, why);
            });
    return node;
  }

  /** The node as the page shows it after a change the Nodes page is told about. */
  private NodeDto changed(Node node) {
    changed.fire(new NodesChanged());
    return dto(node);
  }

  Node find(long id) {
    return nodes.byId(id).orElseThrow(() -> new Refusal(404, "No node with id " + id));
  }

  private NodeDto dto(Node node) {
    List<NodeDto.RunningJob> running =
        jobs.onNode(node, List.of(BackupJobStatus.RUNNING)).stream()
            .map(NodeService::running)
            .toList();
    List<String> assigned =
        sources.all().stream()
            .filter(s -> s.getNode() != null && s.getNode().getId().equals(node.getId()))
            .map(s -> s.getName())
            .toList();
    return new NodeDto(
        node.getId(),
        node.getName(),
        node.getAddress(),
        node.getVersionString(),
        state(node),
        node.getLastSeenAt(),
        node.getPairedAt(),
        node.isDraining(),
        NodeSlots.limit(node.getJobLimit(), settings.jobsPerNode()),
        node.getJobLimit() == null,
        NodeHealth.parse(node.getHealthJson()),
        running,
        assigned);
  }

  /** ONLINE, OFFLINE, NEVER (paired, never called) or REVOKED. */
  public String state(Node node) {
    return node.state(clock.instant(), settings.nodesOfflineAfter());
  }

  private static NodeDto.RunningJob running(BackupJob j) {
    return new NodeDto.RunningJob(
        j.getId(),
        j.getVm().getName(),
        j.getPhase(),
        j.getBytesDone(),
        j.getBytesTotal(),
        j.getRateBps());
  }

  static String sha256(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
