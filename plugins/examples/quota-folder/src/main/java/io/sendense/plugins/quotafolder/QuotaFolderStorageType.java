package io.sendense.plugins.quotafolder;

import io.sendense.plugin.api.ConfigField;
import io.sendense.plugin.api.ConfigForm;
import io.sendense.plugin.api.ConfigProblem;
import io.sendense.plugin.api.Configuration;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;

/**
 * The extension: describes the form (base folder, sub-folder, quota), checks it, and opens a {@link
 * QuotaFolderStorage}. Stateless, like every storage type.
 */
@Extension
public class QuotaFolderStorageType implements RepositoryStorageType {

  public static final String TYPE_ID = "example-quota-folder";

  static final String BASE = "baseFolder";
  static final String SUB_FOLDER = "subFolder";
  static final String QUOTA_MIB = "quotaMib";

  private static final ConfigForm FORM =
      ConfigForm.of(
          ConfigField.required(
              BASE,
              "Base folder",
              FieldType.PATH,
              "Absolute path of an existing folder on the hub."),
          ConfigField.required(
              SUB_FOLDER,
              "Sub-folder",
              FieldType.TEXT,
              "Name of the folder inside the base folder; created if missing."),
          ConfigField.optional(
              QUOTA_MIB, "Quota (MiB)", FieldType.INTEGER, "1024", "Most bytes to store, in MiB."));

  @Override
  public String typeId() {
    return TYPE_ID;
  }

  @Override
  public String displayName() {
    return "Folder with quota (example)";
  }

  @Override
  public ConfigForm configForm() {
    return FORM;
  }

  @Override
  public List<ConfigProblem> validate(Configuration configuration) {
    List<ConfigProblem> problems =
        new ArrayList<>(RepositoryStorageType.super.validate(configuration));
    configuration
        .get(SUB_FOLDER)
        .filter(name -> !isPlainName(name))
        .ifPresent(n -> problems.add(ConfigProblem.of(SUB_FOLDER, "Use a single folder name")));
    if (configuration.get(QUOTA_MIB).isPresent() && configuration.getLong(QUOTA_MIB, 1) < 1) {
      problems.add(ConfigProblem.of(QUOTA_MIB, "Quota must be at least 1 MiB"));
    }
    return problems;
  }

  private static boolean isPlainName(String name) {
    try {
      return StoragePath.of(name).segments().size() == 1;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public ConnectionTestResult testConnection(PluginContext context) {
    try (RepositoryStorage storage = open(context)) {
      return WriteProbe.run(storage, "folder " + root(context.configuration()));
    } catch (StorageException e) {
      return ConnectionTestResult.failed(e.kind(), e.getMessage());
    }
  }

  @Override
  public RepositoryStorage open(PluginContext context) throws StorageException {
    Configuration config = context.configuration();
    Path base = Path.of(config.require(BASE));
    if (!Files.isDirectory(base)) {
      throw new StorageException(
          FailureKind.PATH_NOT_FOUND, "Base folder " + base + " does not exist on the hub");
    }
    Path root = root(config);
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new StorageException(FailureKind.NOT_WRITABLE, "Cannot create " + root + ": " + e, e);
    }
    long quota = config.getLong(QUOTA_MIB, 1024) * 1024 * 1024;
    context.logger().log(System.Logger.Level.INFO, "Opened {0} with quota {1} bytes", root, quota);
    return new QuotaFolderStorage(root, quota);
  }

  private static Path root(Configuration config) {
    return Path.of(config.require(BASE)).resolve(config.require(SUB_FOLDER));
  }
}
