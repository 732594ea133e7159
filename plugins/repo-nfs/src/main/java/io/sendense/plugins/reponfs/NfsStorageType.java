package io.sendense.plugins.reponfs;

import com.emc.ecs.nfsclient.nfs.io.Nfs3File;
import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3;
import com.emc.ecs.nfsclient.rpc.CredentialUnix;
import io.sendense.plugin.api.ConfigField;
import io.sendense.plugin.api.ConfigForm;
import io.sendense.plugin.api.ConnectionTestResult;
import io.sendense.plugin.api.FailureKind;
import io.sendense.plugin.api.FieldType;
import io.sendense.plugin.api.PluginContext;
import io.sendense.plugin.api.repository.RepositoryStorage;
import io.sendense.plugin.api.repository.RepositoryStorageType;
import io.sendense.plugin.api.repository.StorageException;
import io.sendense.plugin.api.repository.StoragePath;
import io.sendense.plugin.api.repository.WriteProbe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import org.pf4j.Extension;

/**
 * The "NFS export" repository type: restore points on an NFSv3 export, reached from Java over TCP
 * without a kernel mount. (Where an export is mounted on the hub anyway, the local folder type
 * serves the mount point.)
 */
@Extension
public class NfsStorageType implements RepositoryStorageType {

  /** Stable type id, stored with every NFS repository. */
  public static final String TYPE_ID = "nfs";

  static final String HOST = "host";
  static final String EXPORT = "export";
  static final String PATH = "path";
  static final String UID = "uid";
  static final String GID = "gid";

  /** Portmapper port, which the client always asks first. */
  private static final int PORTMAPPER = 111;

  private static final int CONNECT_TIMEOUT_MS = 5000;

  /** ACCESS3 bits (RFC 1813): read a folder's entries, and look names up in it. */
  private static final long ACCESS_READ = 0x1;

  private static final long ACCESS_LOOKUP = 0x2;

  /** Retries per request before an error reaches the caller (each waits the client's timeout). */
  private static final int RETRIES = 1;

  private static final ConfigForm FORM =
      ConfigForm.of(
          ConfigField.required(HOST, "Server", FieldType.HOST, "Name or IP address of the server."),
          ConfigField.required(
              EXPORT, "Export", FieldType.PATH, "Exported path, as showmount -e lists it."),
          ConfigField.optional(
              PATH,
              "Folder",
              FieldType.PATH,
              null,
              "Existing folder inside the export, for example sendense/repo1; empty for the"
                  + " export root."),
          ConfigField.optional(
              UID,
              "User id",
              FieldType.INTEGER,
              "0",
              "Numeric user id the hub acts as (AUTH_SYS)."),
          ConfigField.optional(
              GID, "Group id", FieldType.INTEGER, "0", "Numeric group id the hub acts as."));

  @Override
  public String typeId() {
    return TYPE_ID;
  }

  @Override
  public String displayName() {
    return "NFS export";
  }

  @Override
  public String description() {
    return "An NFSv3 export reached over TCP from the hub, no kernel mount needed.";
  }

  @Override
  public ConfigForm configForm() {
    return FORM;
  }

  @Override
  public ConnectionTestResult testConnection(PluginContext context) {
    NfsSettings settings = NfsSettings.from(context.configuration());
    try (RepositoryStorage storage = open(context)) {
      return WriteProbe.run(storage, settings.location());
    } catch (StorageException e) {
      return ConnectionTestResult.failed(e.kind(), e.getMessage());
    }
  }

  @Override
  public RepositoryStorage open(PluginContext context) throws StorageException {
    NfsSettings settings = NfsSettings.from(context.configuration());
    checkReachable(settings.host());
    Nfs3 nfs = mount(settings);
    try {
      checkRootFolder(nfs, new Nfs3File(nfs, settings.nfsPath(StoragePath.ROOT)), settings);
    } catch (IOException e) {
      throw NfsErrors.map("Cannot open " + settings.location(), e);
    }
    return new NfsRepositoryStorage(settings, nfs);
  }

  private static Nfs3 mount(NfsSettings settings) throws StorageException {
    try {
      return new Nfs3(
          settings.host(),
          settings.export(),
          new CredentialUnix(settings.uid(), settings.gid(), null),
          RETRIES);
    } catch (IOException e) {
      StorageException failure =
          NfsErrors.map("Cannot mount " + settings.host() + ":" + settings.export(), e);
      throw failure.kind() == FailureKind.ACCESS_DENIED
          ? unlessNotExported(settings, failure)
          : failure;
    }
  }

  private static void checkRootFolder(Nfs3 nfs, Nfs3File root, NfsSettings settings)
      throws IOException {
    if (!NfsLookups.exists(nfs, settings.folder(), StoragePath.ROOT) || !root.isDirectory()) {
      throw new StorageException(
          FailureKind.PATH_NOT_FOUND,
          "Folder " + settings.location() + " does not exist; create it in the export");
    }
    if ((root.getAccess(ACCESS_READ | ACCESS_LOOKUP) & ACCESS_LOOKUP) == 0) {
      throw new StorageException(
          FailureKind.ACCESS_DENIED,
          "User id "
              + settings.uid()
              + " may not enter folder "
              + settings.location()
              + "; fix the folder's owner or permissions, or set the user id");
    }
  }

  /** Servers refuse unknown exports like forbidden ones; the export list tells them apart. */
  private static StorageException unlessNotExported(NfsSettings settings, StorageException denied) {
    try {
      List<String> exports = NfsExports.list(settings.host());
      if (!exports.contains(settings.export())) {
        return new StorageException(
            FailureKind.SHARE_NOT_FOUND,
            settings.host() + " does not export " + settings.export() + "; it exports " + exports,
            denied);
      }
    } catch (IOException e) {
      denied.addSuppressed(e);
    }
    return denied;
  }

  private static void checkReachable(String host) throws StorageException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, PORTMAPPER), CONNECT_TIMEOUT_MS);
    } catch (IOException e) {
      throw new StorageException(
          FailureKind.HOST_UNREACHABLE,
          "Cannot reach the NFS server's portmapper at "
              + host
              + ":"
              + PORTMAPPER
              + " ("
              + e
              + "); check the host name and that rpcbind runs and is not firewalled",
          e);
    }
  }
}
