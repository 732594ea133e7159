package io.sendense.batch.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sendense.batch.restore.port.RestorePhase;
import io.sendense.batch.restore.port.RestoreProgress;
import io.sendense.batch.restore.port.RestoreRequest;
import io.sendense.plugin.api.source.RestoreCheck;
import io.sendense.plugin.api.source.RestoredVm;
import io.sendense.plugin.api.source.VmConfiguration;
import io.sendense.plugin.api.source.VmPlacement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestoreJsonTest {
  private static final VmPlacement PLACE =
      new VmPlacement("DC0", "prod/web", "C0", "", "Resources", "LocalDS_0");

  @Test
  void requestsRoundTripWithAndWithoutTheirOptionalParts() {
    RestoreRequest full =
        new RestoreRequest(
            7,
            42,
            3,
            "web-restored",
            PLACE,
            Map.of("VM Network", "DVS-1"),
            VmConfiguration.Provisioning.THIN,
            true,
            "vm-12",
            true,
            List.of(
                new RestoreRequest.Disk(2000, 0, "Hard disk 1", 1 << 20, true),
                new RestoreRequest.Disk(2001, 1, "Hard disk 2", 2 << 20, false)),
            new RestoredVm(
                "vm-99",
                "web-restored",
                List.of(new RestoredVm.Disk(2000, 1 << 20, "[ds] a.vmdk"))));
    RestoreRequest bare =
        new RestoreRequest(
            8, 42, 3, "web2", PLACE, Map.of(), null, false, null, false, List.of(), null);
    assertEquals(full, RestoreJson.request(reparse(RestoreJson.request(full))));
    assertEquals(bare, RestoreJson.request(reparse(RestoreJson.request(bare))));
  }

  @Test
  void checksAndProgressRoundTrip() {
    RestoreCheck check = new RestoreCheck(PLACE, Map.of("VM Network", "VM Network"), 5000, 9000);
    assertEquals(check, RestoreJson.check(reparse(RestoreJson.check(check))));
    RestoreProgress running = new RestoreProgress(7, RestorePhase.UPLOAD, 10, 100, 5, 18L);
    RestoreProgress unknownEta = new RestoreProgress(7, RestorePhase.PREPARE, 0, 100, 0, null);
    assertEquals(running, RestoreJson.progress(reparse(RestoreJson.progress(running))));
    assertEquals(unknownEta, RestoreJson.progress(reparse(RestoreJson.progress(unknownEta))));
  }

  private static jakarta.json.JsonObject reparse(jakarta.json.JsonValue json) {
    return PortJson.parse(json.toString());
  }
}
