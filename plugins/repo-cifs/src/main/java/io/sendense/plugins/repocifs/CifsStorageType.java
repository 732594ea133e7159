package io.sendense.plugins.repocifs;

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
import org.pf4j.Extension;

/** The "SMB/CIFS share" repository type: restore points on a Windows or Samba share (SMB2/3). */
@Extension
public class CifsStorageType implements RepositoryStorageType {

  /** Stable type id, stored with every CIFS repository. */
  public static final String TYPE_ID = "cifs";

  static final String HOST = "host";
  static final String PORT = "port";
  static final String SHARE = "share";
  static final String PATH = "path";
  static final String USERNAME = "username";
  static final String PASSWORD = "password";
  static final String DOMAIN = "domain";
  static final String SIGNING = "requireSigning";
  static final String ENCRYPTION = "encrypt";

  private static final ConfigForm FORM =
      ConfigForm.of(
          ConfigField.required(HOST, "Server", FieldType.HOST, "Name or IP address of the server."),
          ConfigField.optional(PORT, "Port", FieldType.PORT, "445", "SMB port, normally 445."),
          ConfigField.required(
              SHARE, "Share", FieldType.TEXT, "Name of the share, for example backups."),
          ConfigField.optional(
              PATH,
              "Folder",
              FieldType.PATH,
              null,
              "Existing folder inside the share, for example sendense/repo1; empty for the share"
                  + " root."),
          ConfigField.required(
              USERNAME, "User", FieldType.TEXT, "Account with read and write access to the share."),
          ConfigField.secret(PASSWORD, "Password", false, "Password of the account."),
          ConfigField.optional(
              DOMAIN,
              "Domain",
              FieldType.TEXT,
              null,
              "Active Directory domain or workgroup of the account; empty for a local account."),
          ConfigField.optional(
              SIGNING,
              "Require signing",
              FieldType.BOOLEAN,
              "true",
              "Refuse a server that does not sign its messages, so nobody on the network path can"
                  + " alter what is written or read. Turn off only for a server that cannot sign."),
          ConfigField.optional(
              ENCRYPTION,
              "Encrypt (SMB 3)",
              FieldType.BOOLEAN,
              "false",
              "Encrypt all traffic with the server (SMB 3 servers only), so that backups cannot"
                  + " be read on the network path."));

  @Override
  public String typeId() {
    return TYPE_ID;
  }

  @Override
  public String displayName() {
    return "SMB/CIFS share";
  }

  @Override
  public String description() {
    return "A Windows or Samba share reached over SMB2/3, no mount needed on the hub.";
  }

  @Override
  public ConfigForm configForm() {
    return FORM;
  }

  @Override
  public ConnectionTestResult testConnection(PluginContext context) {
    CifsSettings settings = CifsSettings.from(context.configuration());
    try (RepositoryStorage storage = open(context)) {
      return WriteProbe.run(storage, settings.location());
    } catch (StorageException e) {
      return ConnectionTestResult.failed(e.kind(), e.getMessage());
    }
  }

  @Override
  public RepositoryStorage open(PluginContext context) throws StorageException {
    CifsSettings settings = CifsSettings.from(context.configuration());
    CifsConnection connection = new CifsConnection(settings, context.logger());
    try {
      if (!connection.share().folderExists(settings.smbPath(StoragePath.ROOT))) {
        throw new StorageException(
            FailureKind.PATH_NOT_FOUND,
            "Folder " + settings.location() + " does not exist; create it on the share");
      }
      return new CifsRepositoryStorage(settings, connection);
    } catch (StorageException | RuntimeException e) {
      connection.close();
      throw e instanceof StorageException s
          ? s
          : CifsErrors.map("Cannot open " + settings.location(), e);
    }
  }
}
