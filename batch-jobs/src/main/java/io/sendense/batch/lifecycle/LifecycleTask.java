package io.sendense.batch.lifecycle;

import io.sendense.batch.wire.PortJson;
import io.sendense.batch.wire.WorkItem;
import io.sendense.image.qcow2.ImageFacts;
import io.sendense.image.qcow2.ImageVerifier;
import io.sendense.image.store.ImageStore;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Restore point work the hub hands to the node a repository is placed on, because only that node
 * reaches the repository: hash images whose SHA-256 is pending, or verify images against what was
 * recorded. The node reads the images ({@link #run}, through {@link ImageChecks} as the hub does)
 * and reports an {@link ImageReport} per image; the hub records and judges them.
 *
 * @param id the hub's id of the task
 * @param kind {@link #HASH} or {@link #VERIFY}
 * @param repository the repository with its configuration (secrets included, as for backups)
 */
public record LifecycleTask(
    long id, String kind, long repositoryId, WorkItem.Extension repository, List<Image> images) {
  public static final String HASH = "hash";
  public static final String VERIFY = "verify";

  /**
   * One image: its catalog row, file, its size when its point completed (for hashing) and what was
   * recorded of it (for verifying; null when nothing was).
   */
  public record Image(long diskId, String file, Long size, ImageFacts expected) {}

  public LifecycleTask {
    Objects.requireNonNull(kind, "kind");
    images = List.copyOf(images);
  }

  /** Reads every image from the repository's store; one report per image, in order. */
  public List<ImageReport> run(ImageStore store) {
    List<ImageReport> reports = new ArrayList<>();
    for (Image image : images) {
      reports.add(HASH.equals(kind) ? hash(store, image) : verify(store, image));
    }
    return reports;
  }

  private static ImageReport hash(ImageStore store, Image image) {
    try {
      String sha256 = ImageChecks.hash(store, image.file(), image.size());
      return new ImageReport(image.diskId(), image.file(), "OK", null, sha256, null);
    } catch (IOException | RuntimeException e) {
      return new ImageReport(
          image.diskId(), image.file(), ImageReport.UNREADABLE, e.getMessage(), null, null);
    }
  }

  private static ImageReport verify(ImageStore store, Image image) {
    ImageVerifier.Result r = ImageChecks.verify(store, image.file(), image.expected());
    ImageFacts facts = null;
    if (r.status() == ImageVerifier.Status.OK
        && (image.expected() == null || image.expected().sha256() == null)) {
      try {
        facts = ImageFacts.structure(store, image.file()).withSha256(r.sha256());
      } catch (IOException e) {
        facts = null;
      }
    }
    return new ImageReport(
        image.diskId(), image.file(), r.status().name(), r.detail(), r.sha256(), facts);
  }

  public JsonObject toJson() {
    JsonArrayBuilder list = Json.createArrayBuilder();
    for (Image i : images) {
      JsonObjectBuilder b =
          Json.createObjectBuilder().add("diskId", i.diskId()).add("file", i.file());
      b = i.size() == null ? b.addNull("size") : b.add("size", i.size());
      b =
          i.expected() == null
              ? b.addNull("expected")
              : b.add("expected", PortJson.facts(i.expected()));
      list.add(b);
    }
    return Json.createObjectBuilder()
        .add("id", id)
        .add("kind", kind)
        .add("repositoryId", repositoryId)
        .add("repository", WorkItem.extension(repository))
        .add("images", list)
        .build();
  }

  public static LifecycleTask fromJson(JsonObject o) {
    List<Image> images = new ArrayList<>();
    for (JsonObject i : o.getJsonArray("images").getValuesAs(JsonObject.class)) {
      images.add(
          new Image(
              PortJson.num(i, "diskId"),
              i.getString("file"),
              isNull(i, "size") ? null : PortJson.num(i, "size"),
              isNull(i, "expected") ? null : PortJson.facts(i.getJsonObject("expected"))));
    }
    return new LifecycleTask(
        PortJson.num(o, "id"),
        o.getString("kind"),
        PortJson.num(o, "repositoryId"),
        WorkItem.extension(o.getJsonObject("repository")),
        images);
  }

  static boolean isNull(JsonObject o, String key) {
    JsonValue v = o.get(key);
    return v == null || v.getValueType() == JsonValue.ValueType.NULL;
  }

  @Override
  public String toString() {
    return "lifecycle task "
        + id
        + " ("
        + kind
        + " "
        + images.size()
        + " images of repository '"
        + repository.name()
        + "')";
  }
}
