package io.sendense.webapp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.webapp.common.Refusal;
import io.sendense.webapp.vmrestore.VmRestoreRequest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestoreVmRequestParsingTest {
  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  @Test
  void aFullRequestIsReadAndOnlyTheBackupIsRequiredLater() {
    VmRestoreRequest r =
        RestoreVmResource.request(
            json(
                "{\"backupId\":12,\"sourceId\":3,\"name\":\"x\",\"datacenter\":\"DC0\",\"folder\":\"prod\","
                    + "\"host\":\"H0\",\"pool\":\"RP\",\"datastore\":\"ds1\",\"networkMap\":{\"A\":\"B\"},"
                    + "\"diskProvisioning\":\"thin\",\"powerOn\":true,\"replaceOriginal\":false}"));
    assertEquals(12L, r.backupId());
    assertEquals(3L, r.sourceId());
    assertEquals("RP", r.resourcePool(), "pool is accepted for resourcePool");
    assertEquals(Map.of("A", "B"), r.networkMap());
    assertTrue(r.powerOn());
    assertFalse(r.replaceOriginal());
    VmRestoreRequest minimal = RestoreVmResource.request(json("{\"backupId\":1}"));
    assertNull(minimal.name());
    assertEquals(Map.of(), minimal.networkMap());
  }

  @Test
  void wrongTypesAreRefusedNamingTheField() {
    Refusal n =
        assertThrows(Refusal.class, () -> RestoreVmResource.request(json("{\"backupId\":\"x\"}")));
    assertEquals("backupId must be a number", n.getMessage());
    Refusal m =
        assertThrows(
            Refusal.class, () -> RestoreVmResource.request(json("{\"networkMap\":{\"A\":\"\"}}")));
    assertTrue(m.getMessage().contains("networkMap['A']"), m.getMessage());
    Refusal b =
        assertThrows(Refusal.class, () -> RestoreVmResource.request(json("{\"powerOn\":1}")));
    assertEquals("powerOn must be true or false", b.getMessage());
    assertThrows(Refusal.class, () -> RestoreVmResource.request(null));
  }
}
