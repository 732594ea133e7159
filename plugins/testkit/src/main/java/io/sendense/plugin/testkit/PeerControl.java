package io.sendense.plugin.testkit;

/**
 * Lets the contract suite take a storage peer (an SMB or NFS server started by the test) away and
 * bring it back, to prove that failures are reported clearly and that the plugin reconnects.
 */
public interface PeerControl {

  /** Stops the peer abruptly, as a crash or a pulled cable would. Returns once it is gone. */
  void stop() throws Exception;

  /** Starts the peer again with the same data; returns once it accepts connections. */
  void start() throws Exception;
}
