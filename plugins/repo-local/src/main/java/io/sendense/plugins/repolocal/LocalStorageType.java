package io.sendense.plugins.repolocal;

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
import io.sendense.plugin.api.repository.WriteProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.Extension;

/** The "Local folder" repository type: restore points in a folder of the hub's file system. */
@Extension
public class LocalStorageType implements RepositoryStorageType {

  /** Stable type id, stored with every local repository. */
  public static final String TYPE_ID = "local";

  static final String PATH = "path";

  private static final ConfigForm FORM =
      ConfigForm.of(
          ConfigField.required(
              PATH,
              "Folder",
              FieldType.PATH,
              "Absolute path of an existing folder on the hub, for example /srv/sendense/repo."
                  + " The hub's user needs read and write access."));

  @Override
  public String typeId() {
    return TYPE_ID;
  }

  @Override
  public String displayName() {
    return "Local folder";
  }

  @Override
  public String description() {
    return "A folder on the hub's own disks or on storage mounted there.";
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
        .get(PATH)
        .filter(p -> !p.startsWith("/"))
        .ifPresent(p -> problems.add(ConfigProblem.of(PATH, "Folder must be an absolute path")));
    return problems;
  }

  @Override
  public ConnectionTestResult testConnection(PluginContext context) {
    Path root = Path.of(context.configuration().require(PATH));
    if (!Files.isDirectory(root)) {
      return ConnectionTestResult.failed(
          FailureKind.PATH_NOT_FOUND, "Folder " + root + " does not exist on the hub; create it");
    }
    if (!Files.isWritable(root)) {
      return ConnectionTestResult.failed(
          FailureKind.NOT_WRITABLE,
          "Folder " + root + " is not writable by the hub's user; fix its permissions");
    }
    try (RepositoryStorage storage = open(context)) {
      return WriteProbe.run(storage, "folder " + root);
    } catch (StorageException e) {
      return ConnectionTestResult.failed(e.kind(), e.getMessage());
    }
  }

  @Override
  public RepositoryStorage open(PluginContext context) throws StorageException {
    Path root = Path.of(context.configuration().require(PATH)).toAbsolutePath();
    if (!Files.isDirectory(root)) {
      throw new StorageException(
          FailureKind.PATH_NOT_FOUND, "Repository folder " + root + " does not exist on the hub");
    }
    return new LocalRepositoryStorage(root);
  }
}
