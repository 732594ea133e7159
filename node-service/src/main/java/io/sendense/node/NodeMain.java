package io.sendense.node;

import jakarta.batch.runtime.BatchRuntime;
import java.nio.file.Files;
import java.util.logging.Logger;
import org.jberet.se.SEArtifactFactory;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Starts a node: pairs with the hub on the first start (token), then runs the poll loop until the
 * process ends. See {@link NodeOptions} for the options.
 */
public final class NodeMain {
  private static final Logger LOG = Logger.getLogger(NodeMain.class.getName());

  /** The id under which JBeret SE starts its Weld container. */
  private static final String WELD_ID = "STATIC_INSTANCE";

  private NodeMain() {}

  public static void main(String[] args) throws Exception {
    NodeOptions options;
    try {
      options = NodeOptions.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Files.createDirectories(options.data());
    NodeIdentity identity;
    String hubUrl;
    if (NodeIdentity.exists(options.data())) {
      identity = NodeIdentity.load(options.data());
      hubUrl = options.hub() != null ? options.hub() : NodeIdentity.pairedHub(options.data());
    } else {
      identity = NodeIdentity.pair(options);
      hubUrl = options.hub();
      LOG.info(() -> "Paired with " + options.hub() + " as node " + identity.nodeId());
    }
    HubConnection hub = new HubConnection(hubUrl, identity.tls());
    Executions executions = new Executions();
    Files.createDirectories(options.plugins());
    NodePlugins plugins = new NodePlugins(options.plugins(), options.data().resolve("scratch"));
    var operator = BatchRuntime.getJobOperator();
    new SEArtifactFactory();
    NodePorts ports = WeldContainer.instance(WELD_ID).select(NodePorts.class).get();
    ports.init(new HubCalls(hub), plugins, executions);
    NodeLifecycleTasks lifecycle = new NodeLifecycleTasks(new HubCalls(hub), ports::open);
    NodeHealthReport health = new NodeHealthReport(options.data(), ports::capacity);
    new RelayAgent(hub, new RelayReads(health::placedRepository, ports::open, System::nanoTime))
        .start();
    LOG.info(
        () ->
            "Node '"
                + identity.name()
                + "' (id "
                + identity.nodeId()
                + ") polls "
                + hubUrl
                + " for work");
    new NodeAgent(hub, operator, executions, health, lifecycle).run();
  }
}
