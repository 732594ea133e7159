package io.sendense.plugins.vmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sendense.plugin.api.Configuration;
import io.sendense.plugin.api.source.DiskExtent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginPartsTest {

  @Test
  void datastorePathSplitsAndNamesTheFlatDataFile() {
    DatastorePath p = DatastorePath.parse("[Local DS 1] my vm/my vm.vmdk");
    assertEquals("Local DS 1", p.datastore());
    assertEquals("my vm/my vm-flat.vmdk", p.flatFile().path());
    assertEquals(p.flatFile(), p.flatFile().flatFile());
    assertThrows(IllegalArgumentException.class, () -> DatastorePath.parse("vm/disk.vmdk"));
  }

  @Test
  void adjacentExtentsAreMergedAndGapsKept() {
    List<DiskExtent> extents = new ArrayList<>();
    ChangeTracking.add(extents, 0, 10);
    ChangeTracking.add(extents, 10, 5);
    ChangeTracking.add(extents, 20, 5);
    ChangeTracking.add(extents, 22, 1);
    ChangeTracking.add(extents, 30, 0);
    assertEquals(List.of(new DiskExtent(0, 15), new DiskExtent(20, 5)), extents);
  }

  @Test
  void settingsNormaliseThumbprintAndKeepThePasswordOutOfToString() {
    VmwareSettings s = VmwareSettings.from(config("pinned", "AB:".repeat(31) + "AB"));
    assertEquals("ab".repeat(32), s.thumbprint());
    assertEquals("https://vc.example:443/sdk", s.sdkUrl());
    assertFalse(s.toString().contains("s3cret"), s.toString());
    assertEquals(
        CertificateMode.TRUST_ON_FIRST_USE,
        VmwareSettings.from(config(null, null)).certificateMode());
  }

  @Test
  void badCertificateSettingsAreReportedPerField() {
    VmwareSourceType type = new VmwareSourceType();
    assertEquals("thumbprint", type.validate(config("pinned", null)).get(0).field());
    assertEquals("thumbprint", type.validate(config("pinned", "abc")).get(0).field());
    assertEquals("certificateMode", type.validate(config("trust-me", null)).get(0).field());
    assertTrue(type.validate(config("insecure", null)).isEmpty());
    assertEquals(
        "readStreams",
        type.validate(config("insecure", null).with("readStreams", "99")).get(0).field());
  }

  private static Configuration config(String mode, String thumbprint) {
    Configuration c =
        Configuration.of(Map.of("host", "vc.example", "username", "backup", "password", "s3cret"));
    c = mode == null ? c : c.with("certificateMode", mode);
    return thumbprint == null ? c : c.with("thumbprint", thumbprint);
  }
}
