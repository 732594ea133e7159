package io.sendense.plugin.api.source;

import java.util.Map;

/**
 * What a restore will use, as {@link VmRestore#check} resolved it before anything is created: the
 * full placement, the networks each recorded network maps to, and the space it needs.
 *
 * @param placement the placement with every default filled in
 * @param networks recorded network name to the target network's name
 * @param requiredBytes datastore space the new VM needs (disks, plus memory for the swap file when
 *     it is to be powered on)
 * @param freeBytes free space of the target datastore
 */
public record RestoreCheck(
    VmPlacement placement, Map<String, String> networks, long requiredBytes, long freeBytes) {

  public RestoreCheck {
    networks = Map.copyOf(networks);
  }
}
