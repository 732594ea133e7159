package io.sendense.plugins.repocifs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sendense.plugin.api.Configuration;
import io.sendense.plugin.api.repository.StoragePath;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CifsSettingsTest {

  private static CifsSettings settings(String share, String path) {
    CifsStorageType type = new CifsStorageType();
    Configuration values =
        Configuration.of(
            Map.of(
                CifsStorageType.HOST, "nas",
                CifsStorageType.SHARE, share,
                CifsStorageType.PATH, path,
                CifsStorageType.USERNAME, "backup",
                CifsStorageType.PASSWORD, "s3cret"));
    return CifsSettings.from(type.configForm().withDefaults(values));
  }

  @Test
  void repositoryPathsBecomeBackslashPathsBelowTheFolder() {
    CifsSettings settings = settings("/backups/", "\\sendense\\repo1\\");

    assertEquals("backups", settings.share());
    assertEquals(445, settings.port());
    assertEquals("sendense\\repo1\\vm\\a.qcow2", settings.smbPath(StoragePath.of("vm/a.qcow2")));
    assertEquals("sendense\\repo1", settings.smbPath(StoragePath.ROOT));
    assertEquals("\\\\nas:445\\backups\\sendense\\repo1", settings.location());
  }

  @Test
  void signingIsRequiredAndEncryptionOffUnlessChosen() {
    CifsSettings defaults = settings("backups", "");
    org.junit.jupiter.api.Assertions.assertTrue(defaults.requireSigning());
    assertFalse(defaults.encrypt());
    CifsSettings chosen =
        CifsSettings.from(
            new CifsStorageType()
                .configForm()
                .withDefaults(
                    Configuration.of(
                        Map.of(
                            CifsStorageType.HOST, "nas",
                            CifsStorageType.SHARE, "backups",
                            CifsStorageType.USERNAME, "backup",
                            CifsStorageType.SIGNING, "false",
                            CifsStorageType.ENCRYPTION, "true"))));
    assertFalse(chosen.requireSigning());
    org.junit.jupiter.api.Assertions.assertTrue(chosen.encrypt());
  }

  @Test
  void shareRootIsTheEmptyPath() {
    assertEquals("", settings("backups", "").smbPath(StoragePath.ROOT));
  }

  @Test
  void textFormsNeverShowThePassword() {
    assertFalse(settings("backups", "").toString().contains("s3cret"));
  }

  @Test
  void folderMayNotEscapeTheShare() {
    assertThrows(IllegalArgumentException.class, () -> settings("backups", "a/../../etc"));
  }
}
