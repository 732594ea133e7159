package io.sendense.webapp.vmrestore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How many VM restores run at once, and how many disks each writes at once. */
@ApplicationScoped
public class VmRestoreSettings {
  @Inject
  @ConfigProperty(name = "sendense.restores.max", defaultValue = "2")
  int max;

  @Inject
  @ConfigProperty(name = "sendense.restores.disks-in-parallel", defaultValue = "2")
  int disksInParallel;

  public int max() {
    return Math.max(1, max);
  }

  public int disksInParallel() {
    return Math.max(1, disksInParallel);
  }
}
