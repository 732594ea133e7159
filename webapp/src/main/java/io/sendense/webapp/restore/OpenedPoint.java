package io.sendense.webapp.restore;

import io.sendense.image.qcow2.Qcow2Chain;
import io.sendense.image.store.ImageStore;
import java.io.Closeable;
import java.io.IOException;

/**
 * A restore point's disk opened read-only: its QCOW2 chain and the repository session it reads
 * through (a local folder, or a storage plugin's connection). Closing it closes both.
 */
public final class OpenedPoint implements Closeable {
  private final ImageStore store;
  private final Qcow2Chain chain;

  OpenedPoint(ImageStore store, Qcow2Chain chain) {
    this.store = store;
    this.chain = chain;
  }

  public Qcow2Chain chain() {
    return chain;
  }

  @Override
  public void close() throws IOException {
    try (store) {
      chain.close();
    }
  }
}
