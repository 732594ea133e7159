package io.sendense.node;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;

/**
 * Keeps the restore jobs' artifacts out of the node's CDI container: a node runs backups only
 * (restores run on the hub), and their ports have no implementation here.
 */
public class HubJobsOnly implements Extension {
  private static final String RESTORE = "io.sendense.batch.restore.";

  <T> void vetoRestore(@Observes ProcessAnnotatedType<T> type) {
    if (type.getAnnotatedType().getJavaClass().getName().startsWith(RESTORE)) {
      type.veto();
    }
  }
}
