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
 * recorded (the node reads the images, {@link #run}, through {@link ImageChecks} as the hub does,
 * and reports an {@link ImageReport} per image; the hub records and judges them); run the file
 * steps of a point's removal ({@link #REMOVE}: {@link RemovalRun} with the hub's journal); write or
 * delete manifest files ({@link #MANIFESTS}).
 *
 * @param id the hub's id of the task
 * @param kind {@link #HASH}, {@link #VERIFY}, {@link #REMOVE} or {@link #MANIFESTS}
 * @param repository the repository with its configuration (secrets included, as for backups)
 * @param steps for a removal: the point's open journal rows, with their states
 * @param files for manifests: the changes, in order
 */
public record LifecycleTask(
    long id,
    String kind,
    long repositoryId,
    WorkItem.Extension repository,
    List<Image> images,
    List<RemovalStep> steps,
    List<ManifestFile> files) {
  public static final String HASH = "hash";
  public static final String VERIFY = "verify";
  public static final String REMOVE = "remove";
  public static final String MANIFESTS = "manifests";

  /**
   * One image: its catalog row, file, its size when its point completed (for hashing) and what was
   * recorded of it (for verifying; null when nothing was).
   */
  public record Image(long diskId, String file, Long size, ImageFacts expected) {}

  public LifecycleTask {
    Objects.requireNonNull(kind, "kind");
    images = List.copyOf(images);
    steps = List.copyOf(steps);
    files = List.copyOf(files);
  }

  /** A hash or verify task. */
  public LifecycleTask(
      long id, String kind, long repositoryId, WorkItem.Extension repository, List<Image> images) {
    this(id, kind, repositoryId, repository, images, List.of(), List.of());
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
    JsonArrayBuilder removal = Json.createArrayBuilder();
    steps.forEach(st -> removal.add(step(st)));
    JsonArrayBuilder manifests = Json.createArrayBuilder();
    files.forEach(f -> manifests.add(f.toJson()));
    return Json.createObjectBuilder()
        .add("id", id)
        .add("kind", kind)
        .add("repositoryId", repositoryId)
        .add("repository", WorkItem.extension(repository))
        .add("images", list)
        .add("steps", removal)
        .add("files", manifests)
        .build();
  }

  private static JsonObject step(RemovalStep s) {
    JsonObjectBuilder expected = Json.createObjectBuilder();
    s.expected().forEach((file, facts) -> expected.add(file, PortJson.facts(facts)));
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("id", s.id())
            .add("backupId", s.backupId())
            .add("kind", s.kind().name())
            .add("state", s.state().name())
            .add("doomedFile", s.doomedFile());
    b = s.childFile() == null ? b.addNull("childFile") : b.add("childFile", s.childFile());
    b =
        s.childBackupId() == null
            ? b.addNull("childBackupId")
            : b.add("childBackupId", s.childBackupId());
    return b.add("repointFiles", ManifestFile.strings(s.repointFiles()))
        .add("expected", expected)
        .build();
  }

  private static RemovalStep step(JsonObject o) {
    java.util.Map<String, ImageFacts> expected = new java.util.HashMap<>();
    JsonObject e = o.getJsonObject("expected");
    e.keySet().forEach(file -> expected.put(file, PortJson.facts(e.getJsonObject(file))));
    return new RemovalStep(
        PortJson.num(o, "id"),
        PortJson.num(o, "backupId"),
        RemovalStep.Kind.valueOf(o.getString("kind")),
        RemovalStep.State.valueOf(o.getString("state")),
        o.getString("doomedFile"),
        isNull(o, "childFile") ? null : o.getString("childFile"),
        isNull(o, "childBackupId") ? null : PortJson.num(o, "childBackupId"),
        ManifestFile.strings(o, "repointFiles"),
        expected);
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
    List<RemovalStep> steps = new ArrayList<>();
    if (!isNull(o, "steps")) {
      o.getJsonArray("steps").getValuesAs(JsonObject.class).forEach(s -> steps.add(step(s)));
    }
    List<ManifestFile> files = new ArrayList<>();
    if (!isNull(o, "files")) {
      o.getJsonArray("files").getValuesAs(JsonObject.class).stream()
          .map(ManifestFile::fromJson)
          .forEach(files::add);
    }
    return new LifecycleTask(
        PortJson.num(o, "id"),
        o.getString("kind"),
        PortJson.num(o, "repositoryId"),
        WorkItem.extension(o.getJsonObject("repository")),
        images,
        steps,
        files);
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
        + (REMOVE.equals(kind)
            ? steps.size() + " steps"
            : MANIFESTS.equals(kind) ? files.size() + " manifests" : images.size() + " images")
        + " of repository '"
        + repository.name()
        + "')";
  }
}
