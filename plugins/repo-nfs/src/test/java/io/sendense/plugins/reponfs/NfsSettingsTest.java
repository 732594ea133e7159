package io.sendense.plugins.reponfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.emc.ecs.nfsclient.nfs.NfsException;
import com.emc.ecs.nfsclient.nfs.NfsStatus;
import com.emc.ecs.nfsclient.rpc.RpcException;
import com.emc.ecs.nfsclient.rpc.RpcStatus;
import io.sendense.plugin.api.Configuration;
import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.repository.StoragePath;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NfsSettingsTest {

  @Test
  void pathsAreRelativeToTheExportRootBelowTheFolder() {
    NfsStorageType type = new NfsStorageType();
    NfsSettings settings =
        NfsSettings.from(
            type.configForm()
                .withDefaults(
                    Configuration.of(
                        Map.of(
                            NfsStorageType.HOST, "filer",
                            NfsStorageType.EXPORT, "srv/backup",
                            NfsStorageType.PATH, "/sendense/repo1/"))));

    assertEquals("/srv/backup", settings.export());
    assertEquals(0, settings.uid());
    assertEquals("/sendense/repo1/vm/a.qcow2", settings.nfsPath(StoragePath.of("vm/a.qcow2")));
    assertEquals("filer:/srv/backup/sendense/repo1", settings.location());
  }

  @Test
  void statusCodesAndLostCallsMapToFailureKinds() {
    assertEquals(
        FailureKind.ALREADY_EXISTS,
        NfsErrors.map("x", new NfsException(NfsStatus.NFS3ERR_EXIST, "exists")).kind());
    assertEquals(
        FailureKind.NOT_WRITABLE,
        NfsErrors.map("x", new NfsException(NfsStatus.NFS3ERR_ROFS, "ro")).kind());
    RpcException lost = new RpcException(RpcStatus.NETWORK_ERROR, "closed");
    assertEquals(
        FailureKind.CONNECTION_LOST,
        NfsErrors.map("x", new NfsException(NfsStatus.NFS3ERR_IO, "io", lost)).kind());
  }
}
