package io.sendense.webapp.relay;

import io.sendense.image.store.ImageChannel;
import io.sendense.image.store.ImageEntry;
import io.sendense.image.store.ImageNames;
import io.sendense.image.store.ImageStore;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;

/**
 * A repository placed on a node, read by the hub through that node ({@link NodeRelay}): stat, list
 * and read-only channels become requests the node answers. Everything that would write (create,
 * rename, delete, a writable channel) fails: the hub only reads such a repository.
 */
public final class RelayedImageStore implements ImageStore {
  private final NodeRelay.Client client;
  private final String repositoryName;

  public RelayedImageStore(NodeRelay.Client client, String repositoryName) {
    this.client = client;
    this.repositoryName = repositoryName;
  }

  @Override
  public String location(String name) {
    return "repository '" + repositoryName + "' on node '" + client.nodeName() + "': " + name;
  }

  @Override
  public Optional<ImageEntry> stat(String name) throws IOException {
    JsonValue entry =
        client.call(RelayRequest.STAT, ImageNames.check(name), 0, 0).json().get("entry");
    return entry == null || entry.getValueType() != JsonValue.ValueType.OBJECT
        ? Optional.empty()
        : Optional.of(entry(entry.asJsonObject()));
  }

  @Override
  public List<ImageEntry> list(String folder) throws IOException {
    return client
        .call(RelayRequest.LIST, ImageNames.check(folder), 0, 0)
        .json()
        .getJsonArray("entries")
        .getValuesAs(JsonObject.class)
        .stream()
        .map(RelayedImageStore::entry)
        .toList();
  }

  @Override
  public ImageChannel open(String name, boolean writable) throws IOException {
    if (writable) {
      throw readOnly(name);
    }
    ImageEntry entry = stat(name).orElseThrow(() -> new NoSuchFileException(location(name)));
    if (entry.directory()) {
      throw new IOException(location(name) + " is a folder, not a file");
    }
    return new RelayedChannel(client, name, entry.size(), () -> readOnly(name));
  }

  @Override
  public void createDirectories(String folder) throws IOException {
    throw readOnly(folder);
  }

  @Override
  public ImageChannel create(String name) throws IOException {
    throw readOnly(name);
  }

  @Override
  public void rename(String from, String to) throws IOException {
    throw readOnly(from);
  }

  @Override
  public boolean deleteIfExists(String name) throws IOException {
    throw readOnly(name);
  }

  private IOException readOnly(String name) {
    return new IOException(
        "Repository '"
            + repositoryName
            + "' is read through node '"
            + client.nodeName()
            + "' and cannot be written from the hub ("
            + name
            + ")");
  }

  private static ImageEntry entry(JsonObject o) {
    return new ImageEntry(
        ImageNames.check(o.getString("name")),
        o.getBoolean("directory"),
        o.getJsonNumber("size").longValueExact());
  }

  @Override
  public String toString() {
    return location("");
  }
}
