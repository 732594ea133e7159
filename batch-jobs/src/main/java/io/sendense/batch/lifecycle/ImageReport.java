package io.sendense.batch.lifecycle;

import io.sendense.batch.wire.PortJson;
import io.sendense.image.qcow2.ImageFacts;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * What a node found reading one image of a {@link LifecycleTask}.
 *
 * @param status for a hash OK or {@link #UNREADABLE}; for a verification an {@code
 *     ImageVerifier.Status} name (OK, CORRUPT, MISSING)
 * @param detail what is wrong (or a note), or null
 * @param sha256 the SHA-256 read, or null
 * @param facts the image's facts with that SHA-256 when a verified image had none recorded, else
 *     null
 */
public record ImageReport(
    long diskId, String file, String status, String detail, String sha256, ImageFacts facts) {
  /** The image could not be read for its hash: it stays pending, nothing is judged. */
  public static final String UNREADABLE = "UNREADABLE";

  public JsonObject toJson() {
    JsonObjectBuilder b =
        Json.createObjectBuilder().add("diskId", diskId).add("file", file).add("status", status);
    b = detail == null ? b.addNull("detail") : b.add("detail", detail);
    b = sha256 == null ? b.addNull("sha256") : b.add("sha256", sha256);
    return (facts == null ? b.addNull("facts") : b.add("facts", PortJson.facts(facts))).build();
  }

  public static ImageReport fromJson(JsonObject o) {
    return new ImageReport(
        PortJson.num(o, "diskId"),
        o.getString("file"),
        o.getString("status"),
        PortJson.str(o, "detail"),
        PortJson.str(o, "sha256"),
        LifecycleTask.isNull(o, "facts") ? null : PortJson.facts(o.getJsonObject("facts")));
  }

  /** The body a node reports a task's images with. */
  public static JsonObject toJson(List<ImageReport> reports) {
    JsonArrayBuilder list = Json.createArrayBuilder();
    reports.forEach(r -> list.add(r.toJson()));
    return Json.createObjectBuilder().add("reports", list).build();
  }

  public static List<ImageReport> listFromJson(JsonObject body) {
    List<ImageReport> reports = new ArrayList<>();
    body.getJsonArray("reports")
        .getValuesAs(JsonObject.class)
        .forEach(o -> reports.add(fromJson(o)));
    return reports;
  }
}
