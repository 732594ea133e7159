package io.sendense.webapp.vmrestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.webapp.common.Refusal;
import org.junit.jupiter.api.Test;

class VmRestoreRequestTest {

  @Test
  void theDefaultNameIsTheVmsWithTheDateAndGivenNamesAreChecked() {
    java.time.Instant now = java.time.Instant.parse("2026-12-05T13:07:59Z");
    assertEquals("web01-restored-20261205-1307", VmRestoreService.name(null, "web01", now));
    assertEquals("web01-restored-20261205-1307", VmRestoreService.name("  ", "web01", now));
    assertEquals("web01-copy", VmRestoreService.name(" web01-copy ", "web01", now));
    Refusal slash = assertThrows(Refusal.class, () -> VmRestoreService.name("a/b", "web01", now));
    assertEquals(400, slash.status());
    assertThrows(Refusal.class, () -> VmRestoreService.name("x".repeat(81), "web01", now));
  }

  @Test
  void provisioningWordsMapToTheRecordedKindsAndOthersAreRefusedByName() {
    assertNull(VmRestoreService.provisioning(null));
    assertNull(VmRestoreService.provisioning("as-recorded"));
    assertEquals("THIN", VmRestoreService.provisioning("Thin"));
    assertEquals("THICK_LAZY_ZEROED", VmRestoreService.provisioning("thick"));
    assertEquals("THICK_EAGER_ZEROED", VmRestoreService.provisioning("eager"));
    Refusal bad = assertThrows(Refusal.class, () -> VmRestoreService.provisioning("sparse"));
    assertTrue(bad.getMessage().contains("'sparse'"), bad.getMessage());
  }
}
