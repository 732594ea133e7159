package io.sendense.batch.lifecycle;

import io.sendense.batch.point.PointFiles;
import io.sendense.image.point.PointManifests;
import io.sendense.image.store.ImageStore;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.util.List;

/**
 * A change of a point's manifest file that the hub built and the node a repository is placed on
 * makes: write the manifest ({@code text} as {@link PointManifests#text} gives it), or delete a
 * removed point's manifest after handing its VM configuration file over to the point merged into
 * its images ({@link PointFiles#handOver}).
 *
 * @param text the manifest to write, null to delete it
 * @param removedFiles for a delete: the removed point's image files
 * @param heirFiles for a delete: the image files, before the merge, of the point merged into them
 */
public record ManifestFile(
    String folder, String point, String text, List<String> removedFiles, List<String> heirFiles) {

  public ManifestFile {
    removedFiles = List.copyOf(removedFiles);
    heirFiles = List.copyOf(heirFiles);
  }

  public static ManifestFile write(String folder, String point, String text) {
    return new ManifestFile(folder, point, text, List.of(), List.of());
  }

  public static ManifestFile delete(
      String folder, String point, List<String> removedFiles, List<String> heirFiles) {
    return new ManifestFile(folder, point, null, removedFiles, heirFiles);
  }

  /** Makes the change in the repository's store. */
  public void apply(ImageStore store) throws IOException {
    if (text != null) {
      PointManifests.write(store, folder, point, text);
      return;
    }
    PointFiles.handOver(store, removedFiles, heirFiles);
    PointManifests.delete(store, folder, point);
  }

  public JsonObject toJson() {
    var b = Json.createObjectBuilder().add("folder", folder).add("point", point);
    b = text == null ? b.addNull("text") : b.add("text", text);
    return b.add("removedFiles", strings(removedFiles))
        .add("heirFiles", strings(heirFiles))
        .build();
  }

  public static ManifestFile fromJson(JsonObject o) {
    return new ManifestFile(
        o.getString("folder"),
        o.getString("point"),
        LifecycleTask.isNull(o, "text") ? null : o.getString("text"),
        strings(o, "removedFiles"),
        strings(o, "heirFiles"));
  }

  static JsonArrayBuilder strings(List<String> list) {
    JsonArrayBuilder a = Json.createArrayBuilder();
    list.forEach(a::add);
    return a;
  }

  static List<String> strings(JsonObject o, String key) {
    return o.getJsonArray(key).getValuesAs(JsonString.class).stream()
        .map(JsonString::getString)
        .toList();
  }

  @Override
  public String toString() {
    return (text == null ? "delete " : "write ") + PointManifests.fileName(point) + " in " + folder;
  }
}
