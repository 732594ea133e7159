package io.sendense.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Restoring over the original VM on vcsim, the one scenario {@code RestoreVmIT} (on the hub) and
 * {@code NodeIT} (on a node) run: the original is powered off with vcsim's own power task, the
 * restore is confirmed with its exact name and must replace it: a VM of that name with a new id,
 * the original's id and folder gone, the original's MAC addresses kept, each disk equal to the
 * point, powered on as asked, and no VM left under the temporary "-restoring-" name.
 */
final class ReplacingRestore {
  private ReplacingRestore() {}

  /** Runs the scenario over {@code vm} from {@code point}; returns the COMPLETED restore. */
  static JsonObject overTheOriginal(
      HubApi api,
      VcsimHooks hooks,
      Path repository,
      JsonObject point,
      String vm,
      Path tmp,
      Duration timeout)
      throws Exception {
    long started = System.nanoTime();
    long backupId = point.getJsonObject("backup").getJsonNumber("id").longValue();
    JsonObject original = hooks.vm(vm).orElseThrow(() -> new AssertionError("no VM " + vm));
    List<String> macs = macs(original);
    assertFalse(macs.isEmpty() || macs.contains(""), "the original has MAC addresses: " + macs);
    Path originalFolder = hooks.folderOf(original);
    assertTrue(Files.isDirectory(originalFolder), "the original's folder: " + originalFolder);
    assertEquals("poweredOff", hooks.power(vm, false));

    long id =
        api.post(
                "restore/vms",
                "{\"backupId\":"
                    + backupId
                    + ",\"replaceOriginal\":true,\"confirmName\":\""
                    + vm
                    + "\",\"powerOn\":true}",
                202)
            .getJsonNumber("id")
            .longValue();
    JsonObject done =
        api.await(
            "restore/vms/" + id,
            r -> Set.of("COMPLETED", "FAILED").contains(r.getString("status")),
            timeout);
    assertEquals("COMPLETED", done.getString("status"), done.toString());
    assertEquals(vm, done.getString("name"), "the restored VM has the original's name");

    JsonObject restored = hooks.vm(vm).orElseThrow(() -> new AssertionError("no VM " + vm));
    assertEquals(done.getString("vmId"), restored.getString("id"));
    assertNotEquals(original.getString("id"), restored.getString("id"), "a new VM");
    assertTrue(
        hooks.vmWithId(original.getString("id")).isEmpty(),
        "the original " + original.getString("id") + " is deleted");
    assertFalse(Files.exists(originalFolder), "and its folder: " + originalFolder);
    assertEquals(macs, macs(restored), "the original's MAC addresses are kept");
    assertEquals("poweredOn", restored.getString("powerState"), "powered on as asked");
    assertTrue(hooks.vm(vm + "-restoring-" + id).isEmpty(), "no VM left under the temporary name");
    Qemu.assertMatches(repository, point, hooks.downloadDisks(restored, tmp));
    System.out.printf(
        "Restore over the original %s: %.1f s with the checks%n",
        vm, (System.nanoTime() - started) / 1e9);
    return done;
  }

  static List<String> macs(JsonObject vm) {
    return vm.getJsonArray("nics").stream()
        .map(JsonValue::asJsonObject)
        .map(n -> n.getString("mac"))
        .toList();
  }
}
